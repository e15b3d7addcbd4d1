import ArgumentParser
import Foundation
import Logging
import Transforms

/// Opens the store a configuration names, for a command that reads or replays it.
///
/// The database must exist already: a read command that created an empty file would hide a
/// wrong `--config` or working folder behind an empty answer.
enum CLIStore {
    /// Runs `body` with the configuration's store open and migrated, and closes it after.
    ///
    /// - Throws: `CLIFailure` with exit 1 when the database is missing or cannot be opened
    ///   (as `intake serve`).
    static func with<T>(
        _ configuration: IntakeConfiguration, _ body: (any IncidentStore) async throws -> T
    ) async throws -> T {
        let store = try await open(configuration)
        do {
            let result = try await body(store)
            try? await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }

    static func open(_ configuration: IntakeConfiguration) async throws -> any IncidentStore {
        do {
            return try await StoreFactory.open(configuration.storage, mustExist: true, logger: Logger(label: "intake"))
        } catch let missing as StoreFactory.Missing {
            throw CLIFailure(
                message: "\(missing.path): no database here (from \(configuration.source)); run intake serve first, or pass --config",
                exitCode: 1)
        } catch {
            throw CLIFailure(message: "\(configuration.storage.messagePrefix(source: configuration.source))\(error)", exitCode: 1)
        }
    }

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

/// `--config FILE`, shared by every store-backed command.
struct ConfigurationOptions: ParsableArguments {
    @Option(help: "The configuration file (default: the embedded intake.yaml, paths from the current folder).")
    var config: String?
}
