import ArgumentParser
import Transforms

/// How a store-backed command reports a store error.
enum CLIStore {
    /// Turns a store error into the command's failure: a bad limit or cursor is a usage
    /// error (2), anything else means the store is unavailable (1).
    static func failure(_ error: any Error) -> CLIFailure {
        if let failure = error as? CLIFailure { return failure }
        if let storeError = error as? StoreError, storeError.isInvalidRequest {
            return CLIFailure.usage(storeError.description)
        }
        return CLIFailure(message: "\(error)", exitCode: 1)
    }
}

extension CLIFailure {
    /// Runs an asynchronous command body, turning a `CLIFailure` into its message and exit status.
    static func reportingAsync(_ body: () async throws -> Int32) async -> Int32 {
        do {
            return try await body()
        } catch {
            let failure = CLIStore.failure(error)
            printError(failure.message)
            return failure.exitCode
        }
    }

    /// Ends the command with `status` (nothing to do for 0).
    static func exit(_ status: Int32) throws {
        if status != 0 { throw ExitCode(status) }
    }
}

/// `--config FILE`: the one declaration of the option, in every command that reads a configuration.
struct ConfigurationOptions: ParsableArguments {
    @Option(help: "The configuration file (default: $INTAKE_CONFIG, else ./intake.yaml when present, else the embedded default).")
    var config: String?
}
