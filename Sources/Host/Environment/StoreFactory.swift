import Foundation

/// Opens the store `storage:` names: the one place that knows every backend.
///
/// A new backend is one type conforming to `IncidentStore` and one case in `standard`.
package struct StoreFactory: Sendable {
    /// Whether opening may create the database.
    package enum Access: Sendable {
        /// `intake serve`: an SQLite file is created on the first start.
        case createIfMissing
        /// Commands that read or replay: a missing database is an error, so a wrong `--config`
        /// or working folder is not hidden behind an empty answer.
        case existing
    }

    /// Why a backend did not open.
    package enum OpeningError: Error {
        /// The database is not there and `access` is `.existing`.
        case missing
        /// This build has no such backend: what to say after the configuration's name.
        case unavailable(String)
    }

    let openBackend: @Sendable (StorageConfiguration, Access) async throws -> any IncidentStore

    /// - Parameter open: opens (not yet migrates) the backend `storage` names; throws
    ///   `OpeningError` for a missing database or a backend it lacks.
    package init(open: @escaping @Sendable (StorageConfiguration, Access) async throws -> any IncidentStore) {
        openBackend = open
    }

    /// The backends this build has.
    package static let standard = StoreFactory { storage, access in
        switch storage {
        case .sqlite(let path):
            if access == .existing, !FileManager.default.fileExists(atPath: path) { throw OpeningError.missing }
            return try SQLiteIncidentStore(path: path)
        case .postgres(let url):
            // Nothing local: the database is there or unreachable, never created here.
            return try PostgresIncidentStore(url: url)
        }
    }

    /// The configuration's store, open and migrated.
    ///
    /// - Throws: `CLIFailure`: exit 2 for a backend this build lacks (a configuration
    ///   mistake), exit 1 when the database is missing or cannot be opened.
    package func open(_ configuration: IntakeConfiguration, access: Access) async throws(CLIFailure) -> any IncidentStore {
        let storage = configuration.storage
        let store: any IncidentStore
        do {
            store = try await openBackend(storage, access)
        } catch OpeningError.unavailable(let reason) {
            throw CLIFailure(message: "\(configuration.source): \(reason)", exitCode: 2)
        } catch OpeningError.missing {
            throw CLIFailure(
                message: "\(storage.location): no database here (from \(configuration.source)); run intake serve first, or pass --config",
                exitCode: 1)
        } catch {
            throw CLIFailure(message: "\(storage.location): \(error)", exitCode: 1)
        }
        do {
            try await store.migrate()
        } catch {
            try? await store.close()
            throw CLIFailure(message: "\(storage.location): \(error)", exitCode: 1)
        }
        return store
    }
}

extension StorageConfiguration {
    /// Where the data is, for an error message: a file, or a URL without its password.
    var location: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): Self.redacting(url)
        }
    }
}

extension IntakeEnvironment {
    /// Runs `body` with the configuration's existing store open, and closes it after.
    func withStore<T>(_ configuration: IntakeConfiguration, _ body: (any IncidentStore) async throws -> T) async throws -> T {
        let store = try await stores.open(configuration, access: .existing)
        do {
            let result = try await body(store)
            try? await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }
}
