import Logging
import PostgresNIO
import Transforms

extension PostgresIncidentStore {
    package func incident(id: String) async throws -> StoredIncident? {
        guard let number = StoreIdentifier.incident.number(id) else { return nil }
        return try await read("read an incident") { client, logger in
            let rows = try await client.query(
                "SELECT \(unescaped: PostgresColumns.incident) FROM incidents WHERE id = \(number)", logger: logger)
            for try await row in rows { return try StoredIncident.decode(row).0 }
            return nil
        }
    }

    package func incidents(_ query: IncidentQuery) async throws -> Page<StoredIncident> {
        let limit = try StoreListing.checked(limit: query.limit)
        let cursor = try query.cursor.map { try PageCursor(token: $0, count: 2) }
        var conditions = PostgresConditions()
        if let instance = query.instance { conditions.add("instance = ?", instance) }
        if let type = query.type { conditions.add("type = ?", type) }
        if let since = query.since { conditions.add("created >= ?", since.millisecondsSinceEpoch) }
        if let cursor { conditions.add("(created, id) < (?, ?)", cursor.key[0], cursor.key[1]) }
        let sql = "SELECT \(PostgresColumns.incident) FROM incidents\(conditions.clause) ORDER BY created DESC, id DESC LIMIT \(limit + 1)"
        let rows = try await read("list incidents") { [conditions] client, logger in
            var rows: [(StoredIncident, key: [Int64])] = []
            for try await row in try await client.query(PostgresQuery(unsafeSQL: sql, binds: conditions.binds), logger: logger) {
                rows.append(try StoredIncident.decode(row))
            }
            return rows
        }
        return StoreListing.page(rows, limit: limit)
    }

    package func samples(instance: String, limit: Int) async throws -> [StoredSample] {
        guard limit >= 1 else { throw StoreError(.invalidQuery("limit must be at least 1")) }
        return try await read("list samples") { client, logger in
            var samples: [StoredSample] = []
            let rows = try await client.query(
                "SELECT \(unescaped: PostgresColumns.sample) FROM samples WHERE instance = \(instance) ORDER BY id DESC LIMIT \(limit)",
                logger: logger)
            for try await row in rows { samples.append(try StoredSample.decode(row)) }
            return samples
        }
    }

    package func quarantined(_ query: QuarantineQuery) async throws -> Page<QuarantinedPayload> {
        let limit = try StoreListing.checked(limit: query.limit)
        let cursor = try query.cursor.map { try PageCursor(token: $0, count: 1) }
        var conditions = PostgresConditions()
        if let instance = query.instance { conditions.add("instance = ?", instance) }
        if !query.includeResolved { conditions.add("resolved IS NULL") }
        if let cursor { conditions.add("id < ?", cursor.key[0]) }
        let sql = "SELECT \(PostgresColumns.quarantine) FROM quarantine\(conditions.clause) ORDER BY id DESC LIMIT \(limit + 1)"
        let rows = try await read("list quarantined payloads") { [conditions] client, logger in
            var rows: [(QuarantinedPayload, key: [Int64])] = []
            for try await row in try await client.query(PostgresQuery(unsafeSQL: sql, binds: conditions.binds), logger: logger) {
                rows.append(try QuarantinedPayload.decode(row))
            }
            return rows
        }
        return StoreListing.page(rows, limit: limit)
    }

    /// The UTF-8 bytes of the instance's open quarantined payloads (`octet_length`, as SQLite's
    /// `LENGTH(CAST(payload AS BLOB))`).
    package func quarantinedBytes(instance: String) async throws -> Int {
        try await read("measure the quarantine") { client, logger in
            let rows = try await client.query(
                "SELECT COALESCE(SUM(octet_length(payload)), 0)::bigint FROM quarantine WHERE instance = \(instance) AND resolved IS NULL",
                logger: logger)
            for try await bytes in rows.decode(Int64.self) { return Int(clamping: bytes) }
            return 0
        }
    }

    /// One `UPDATE … WHERE resolved IS NULL`: when two replays resolve one row at once, the
    /// second waits for the first's row lock, then finds it resolved and leaves it alone.
    package func resolveQuarantined(ids: [String]) async throws {
        let numbers = try StoreListing.quarantineNumbers(ids)
        guard !numbers.isEmpty else { return }
        let now = Instant.now.millisecondsSinceEpoch
        _ = try await read("resolve quarantined payloads") { client, logger in
            _ = try await client.query(
                "UPDATE quarantine SET resolved = \(now) WHERE id = ANY(\(numbers)::bigint[]) AND resolved IS NULL",
                logger: logger
            ).collect()
            return true
        }
    }
}
