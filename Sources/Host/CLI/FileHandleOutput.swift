#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum FileHandleOutput {
    static func writeStandardError(_ string: String) {
        var text = string
        text.withUTF8 { buffer in _ = fwrite(buffer.baseAddress, 1, buffer.count, stderr) }
    }

    /// Writes the whole text to standard output at once: dry-run arrays can be large.
    static func writeStandardOutput(_ string: String) {
        var text = string
        text.withUTF8 { buffer in _ = fwrite(buffer.baseAddress, 1, buffer.count, stdout) }
        fflush(stdout)
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
