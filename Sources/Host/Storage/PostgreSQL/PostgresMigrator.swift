import Logging
import PostgresNIO
import Transforms

/// Applies `PostgresSchema.migrations` once, however many listeners start together.
enum PostgresMigrator {
    static func migrate(on connection: PostgresConnection, location: String, logger: Logger) async throws {
        try await connection.withTransaction(logger: logger) { connection in
            // Held until COMMIT: a second listener waits here, then sees the new version.
            _ = try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))", logger: logger).collect()
            _ = try await connection.query(
                "CREATE TABLE IF NOT EXISTS intake_schema (version integer PRIMARY KEY, applied bigint NOT NULL)",
                logger: logger
            ).collect()
            var found = 0
            for try await version in try await connection.query(
                "SELECT coalesce(max(version), 0) FROM intake_schema", logger: logger
            ).decode(Int.self) {
                found = version
            }
            let known = PostgresSchema.version
            guard found <= known else {
                throw StoreError(.newerSchema(location: location, found: found, known: known))
            }
            for (index, migration) in PostgresSchema.migrations.enumerated().dropFirst(found) {
                let version = index + 1
                for statement in migration {
                    _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).collect()
                }
                _ = try await connection.query(
                    "INSERT INTO intake_schema (version, applied) VALUES (\(version), \(Instant.now.millisecondsSinceEpoch))",
                    logger: logger
                ).collect()
                logger.info("schema migrated", metadata: ["version": "\(version)"])
            }
        }
    }
}
