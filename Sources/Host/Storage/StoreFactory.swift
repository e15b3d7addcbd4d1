import Foundation
import Logging

/// The one place a `storage:` configuration becomes a store: a new backend is one more type
/// and one more case here.
enum StoreFactory {
    /// Opens the store and migrates it (creating the schema when it is new).
    ///
    /// - Parameter mustExist: for commands that only read: an SQLite file that is not there is
    ///   refused instead of created, so a wrong `--config` or folder is not an empty answer.
    /// - Throws: `StoreError`; `StoreFactory.Missing` for a missing file when `mustExist`.
    static func open(_ storage: StorageConfiguration, mustExist: Bool = false, logger: Logger) async throws -> any IncidentStore {
        let store: any IncidentStore
        switch storage {
        case .sqlite(let path):
            if mustExist, !FileManager.default.fileExists(atPath: path) { throw Missing(path: path) }
            store = try SQLiteIncidentStore(path: path)
        case .postgres(let url):
            store = try PostgresIncidentStore(url: url, logger: logger)
        }
        do {
            try await store.migrate()
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }

    /// An SQLite file a read-only command expected.
    struct Missing: Error {
        var path: String
    }
}
