import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode, every commit flushed (`synchronous=FULL`).
///
/// Readers never block the writer (WAL), and the single writer connection is fed by group
/// commit, so concurrent requests share flushes. Call `migrate()` before anything else.
package final class SQLiteIncidentStore: IncidentStore {
    let writer: any DatabaseWriter
    /// Where the database is, for messages (`intake.db`, or `in memory`).
    let location: String
    private let committer: GroupCommit<IngestBatch, IngestReceipt>
    /// Every operation passes it, so none touches the database after `close()`.
    let gate = AccessGate()

    /// Opens (creating if needed) the database file at `path`.
    /// - Throws: `StoreError` when the file cannot be opened as a database.
    package convenience init(path: String, configuration: SQLiteStoreConfiguration = .init()) throws {
        var config = Configuration()
        config.busyMode = .timeout(configuration.busyTimeoutSeconds)
        config.label = "intake"
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: config)
            // The pool sets NORMAL on its writer when it turns WAL on, after any
            // prepareDatabase hook: FULL must be set here, on the writer, to stick.
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        } catch {
            throw StoreError.wrapping(error, operation: "open the database \(path)")
        }
        self.init(writer: pool, location: path, configuration: configuration)
    }

    /// A private database in memory, gone when the store is: for tests and dry runs.
    package static func inMemory(configuration: SQLiteStoreConfiguration = .init()) throws -> SQLiteIncidentStore {
        do {
            let queue = try DatabaseQueue(configuration: Configuration())
            return SQLiteIncidentStore(writer: queue, location: "in memory", configuration: configuration)
        } catch {
            throw StoreError.wrapping(error, operation: "open a database in memory")
        }
    }

    init(writer: any DatabaseWriter, location: String, configuration: SQLiteStoreConfiguration) {
        self.writer = writer
        self.location = location
        committer = GroupCommit(maximumGroupSize: configuration.maximumBatchesPerTransaction) { [writer] batches in
            try await writer.write { db in
                try batches.map { try SQLiteIngest.apply($0, to: db) }
            }
        }
    }

    package func migrate() async throws {
        do {
            try await gate.withAccess { try await migrateNow() }
        } catch {
            throw StoreError.wrapping(error, operation: "migrate the schema of \(location)")
        }
    }

    private func migrateNow() async throws {
        let known = SQLiteSchema.version
        let migrator = SQLiteSchema.migrator
        let (found, superseded) = try await writer.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0, try migrator.hasBeenSuperseded(db))
        }
        guard found <= known, !superseded else {
            throw StoreError(.newerSchema(location: location, found: found > known ? found : nil, known: known))
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            migrator.asyncMigrate(writer) { result in
                continuation.resume(with: result.map { _ in () })
            }
        }
    }

    package func commit(_ batch: IngestBatch) async throws -> IngestReceipt {
        do {
            return try await gate.withAccess { try await committer.submit(batch) }
        } catch {
            throw StoreError.wrapping(error, operation: "commit the request")
        }
    }

    package func isReachable() async -> Bool {
        do {
            try await gate.withAccess { try await writer.read { try $0.execute(sql: "SELECT 1") } }
            return true
        } catch {
            return false
        }
    }

    package func statistics() async -> StoreStatistics {
        await committer.statistics
    }

    /// Waits for the operations in flight, then closes the database; closing twice is harmless.
    package func close() async throws {
        guard await gate.close() else { return }
        await committer.close()
        do {
            try writer.close()
        } catch {
            throw StoreError.wrapping(error, operation: "close \(location)")
        }
    }

    /// Batches in the transaction in flight and batches queued behind it, for tests that line
    /// up a group.
    func committerQueue() async -> (inFlight: Int, waiting: Int) {
        (await committer.inFlightCount, await committer.waitingCount)
    }

    /// The writer connection's `PRAGMA synchronous` (2 is FULL), for tests.
    func writerSynchronousLevel() async throws -> Int {
        try await writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 }
    }
}
