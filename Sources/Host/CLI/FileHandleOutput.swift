import Foundation

enum FileHandleOutput {
    static func writeStandardError(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }

    /// Writes the whole text to standard output at once: dry-run arrays can be large.
    static func writeStandardOutput(_ string: String) {
        FileHandle.standardOutput.write(Data(string.utf8))
    }
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
