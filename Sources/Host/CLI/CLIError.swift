import ArgumentParser

/// A command-line failure: the message goes to standard error, the code is the exit status
/// SPEC §9 documents for the command.
struct CLIFailure: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32

    var description: String { message }

    static func usage(_ message: String) -> CLIFailure { CLIFailure(message: message, exitCode: 2) }
}

/// Writes to standard error without buffering surprises between stdout and stderr.
func printError(_ message: String) {
    var standardError = StandardError()
    print(message, to: &standardError)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleOutput.writeStandardError(string)
    }
}
