import Foundation

/// A command-line failure: the message goes to standard error, the code is the exit status
/// SPEC §9 documents for the command.
package struct CLIFailure: Error, CustomStringConvertible {
    package var message: String
    package var exitCode: Int32

    package init(message: String, exitCode: Int32) {
        self.message = message
        self.exitCode = exitCode
    }

    package var description: String { message }

    static func usage(_ message: String) -> CLIFailure { CLIFailure(message: message, exitCode: 2) }
}

/// Writes one line to standard error: the one way every command, `serve` included, reports a
/// mistake or a warning. Unbuffered, so it never reorders with standard output.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

extension CLIFailure {
    /// Runs a command body, turning a `CLIFailure` into its message and exit status.
    static func reporting(_ body: () throws -> Int32) -> Int32 {
        do {
            return try body()
        } catch let failure as CLIFailure {
            printError(failure.message)
            return failure.exitCode
        } catch {
            printError("\(error)")
            return 2
        }
    }
}
