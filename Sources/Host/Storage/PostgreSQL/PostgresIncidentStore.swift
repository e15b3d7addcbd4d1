import Logging
import PostgresNIO

/// The shared store: one PostgreSQL database behind any number of listeners (SPEC §8).
///
/// Nothing here assumes a single process. Dedup is decided by the database (a unique key and
/// `INSERT … ON CONFLICT`), ids come from identity sequences, a sample ring is trimmed under a
/// per-instance advisory lock, and a quarantined payload is resolved by an `UPDATE … WHERE
/// resolved IS NULL` that only one caller can win. Within a process, concurrent requests
/// share transactions (group commit) as in SQLite; a request is acknowledged only after its
/// COMMIT returned. The connection pool (PostgresNIO's `PostgresClient`) reconnects by itself
/// when the database comes back; meanwhile every operation fails within
/// `operationTimeoutSeconds` (a commit: of the request's arrival, its wait behind other
/// transactions included) and the listener answers `503`.
package final class PostgresIncidentStore: IncidentStore {
    let client: PostgresClient
    let configuration: PostgresStoreConfiguration
    let logger: Logger
    /// Where the database is, for messages: `host:port/database`, never the password.
    let location: String
    private let runner: Task<Void, Never>
    private let committer: GroupCommit<IngestBatch, IngestReceipt>
    /// Every operation passes it, so none touches the pool after `close()`.
    let gate = AccessGate()

    /// Prepares a pool for the database at `url`; nothing is connected until the first use.
    /// - Throws: `StoreError` (invalid configuration) for a URL it cannot use.
    package init(url: String, configuration: PostgresStoreConfiguration = .init(), logger: Logger = Logger(label: "intake.postgres")) throws {
        let parsed = try PostgresURL(url)
        var clientConfiguration = PostgresClient.Configuration(
            host: parsed.host, port: parsed.port, username: parsed.user, password: parsed.password,
            database: parsed.database, tls: parsed.tls)
        clientConfiguration.options.maximumConnections = max(2, configuration.maximumConnections)
        clientConfiguration.options.connectTimeout = .milliseconds(Int64(configuration.operationTimeoutSeconds * 1000))
        if let schema = configuration.schema {
            clientConfiguration.options.additionalStartupParameters = [("search_path", schema)]
        }
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: logger)
        self.client = client
        self.configuration = configuration
        self.logger = logger
        location = parsed.location
        runner = Task { await client.run() }
        // Every request is answered within the timeout of its arrival, queueing included.
        committer = GroupCommit(
            maximumGroupSize: configuration.maximumBatchesPerTransaction, answerWithinSeconds: configuration.operationTimeoutSeconds
        ) { [logger] batches in
            do {
                return try await client.withTransaction(logger: logger) { connection in
                    try await PostgresIngest.apply(batches, on: connection, logger: logger)
                }
            } catch {
                // As a StoreError, so group commit can tell a lost database from a refused batch.
                throw StoreError.wrapping(error, operation: "commit the request")
            }
        }
    }

    package func migrate() async throws {
        do {
            try await gate.withAccess {
                // Longer than other operations: another listener may hold the migration lock.
                try await Deadline.run(seconds: configuration.operationTimeoutSeconds * 6, operation: "migrate the schema") {
                    [client, logger, location] in
                    try await client.withConnection { connection in
                        try await PostgresDurability.check(on: connection, location: location, logger: logger)
                        try await PostgresMigrator.migrate(on: connection, location: location, logger: logger)
                    }
                }
            }
        } catch {
            throw StoreError.wrapping(error, operation: "migrate the schema of \(location)")
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
            return try await gate.withAccess {
                // Short: a probe that hangs is as bad as one that fails.
                try await Deadline.run(seconds: min(2, configuration.operationTimeoutSeconds), operation: "answer") { [client, logger] in
                    _ = try await client.query("SELECT 1", logger: logger).collect()
                    return true
                }
            }
        } catch {
            return false
        }
    }

    package func statistics() async -> StoreStatistics {
        await committer.statistics
    }

    /// Batches in the transaction in flight and batches queued behind it, for tests that line
    /// up a group.
    func committerQueue() async -> (inFlight: Int, waiting: Int) {
        (await committer.inFlightCount, await committer.waitingCount)
    }

    /// Waits for the operations in flight, then closes the pool; closing twice is harmless.
    package func close() async throws {
        guard await gate.close() else { return }
        await committer.close()
        runner.cancel()
        await runner.value
    }

    /// Runs a read with the store's deadline, mapping failures to `StoreError`.
    func read<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (PostgresClient, Logger) async throws -> T) async throws -> T {
        do {
            return try await gate.withAccess {
                try await Deadline.run(seconds: configuration.operationTimeoutSeconds, operation: operation) { [client, logger] in
                    try await body(client, logger)
                }
            }
        } catch {
            throw StoreError.wrapping(error, operation: operation)
        }
    }
}
