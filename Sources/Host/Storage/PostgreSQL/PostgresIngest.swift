import Logging
import PostgresNIO
import Transforms

/// Writes the batches of one group-commit transaction, correct however many listeners write
/// the same database at once.
///
/// The transaction first takes, in one sorted order, a transaction-scoped advisory lock for
/// each dedup key and each sample ring it will touch. Sorting makes two listeners' groups
/// wait for each other instead of deadlocking; holding a key's lock means that when the
/// `INSERT … ON CONFLICT DO NOTHING` finds the key taken, the incident holding it is already
/// committed (or ours), so the statement that reads it back sees it; and a ring's lock keeps
/// two transactions from trimming one ring from two stale views.
enum PostgresIngest {
    static func apply(_ batches: [IngestBatch], on connection: PostgresConnection, logger: Logger) async throws -> [IngestReceipt] {
        try await lock(lockNames(batches), on: connection, logger: logger)
        var receipts: [IngestReceipt] = []
        receipts.reserveCapacity(batches.count)
        for batch in batches {
            try await resolveReplaced(by: batch, on: connection, logger: logger)
            try await keepSamples(of: batch, on: connection, logger: logger)
            var results: [IngestResult] = []
            results.reserveCapacity(batch.items.count)
            for item in batch.items {
                switch item {
                case let .incident(incident):
                    results.append(try await store(incident, of: batch, on: connection, logger: logger))
                case let .quarantine(payload):
                    results.append(try await store(payload, of: batch, on: connection, logger: logger))
                }
            }
            receipts.append(IngestReceipt(results: results))
        }
        return receipts
    }

    /// One name per dedup key and per sample ring the batches touch; the server hashes them.
    static func lockNames(_ batches: [IngestBatch]) -> [String] {
        var names: Set<String> = []
        for batch in batches {
            let instance = PostgresText.clean(batch.instance)
            if batch.samplesKept > 0, !batch.samples.isEmpty { names.insert("samples \(instance.utf8.count) \(instance)") }
            for case let .incident(incident) in batch.items {
                guard let key = incident.dedupKey else { continue }
                names.insert("dedup \(instance.utf8.count) \(instance) \(PostgresText.clean(key))")
            }
        }
        return Array(names)
    }

    private static func lock(_ names: [String], on connection: PostgresConnection, logger: Logger) async throws {
        guard !names.isEmpty else { return }
        // The ordered subquery is not flattened, so locks are taken in key order.
        _ = try await connection.query(
            """
            SELECT pg_advisory_xact_lock(key)::text FROM (
                SELECT DISTINCT hashtextextended(name, 0) AS key FROM unnest(\(names)::text[]) AS name ORDER BY key
            ) AS keys
            """, logger: logger
        ).collect()
    }

    private static func store(
        _ incident: NewIncident, of batch: IngestBatch, on connection: PostgresConnection, logger: Logger
    ) async throws -> IngestResult {
        let instance = PostgresText.clean(batch.instance)
        let dedupKey = incident.dedupKey.map(PostgresText.clean)
        let rows = try await connection.query(
            """
            INSERT INTO incidents (instance, created, type, name, occurred, severity, details, fields, dedup_key,
                raw_payload, headers, mapper_name, mapper_version, mapper_hash, provenance)
            VALUES (\(instance), \(batch.received.millisecondsSinceEpoch), \(PostgresText.clean(incident.type)),
                \(incident.name.map(PostgresText.clean)), \(incident.occurred.millisecondsSinceEpoch), \(incident.severity),
                \(incident.details.map(PostgresText.clean)), \(incident.fieldsText), \(dedupKey), \(incident.rawPayloadText),
                \(incident.headersText), \(incident.mapperName.map(PostgresText.clean)), \(incident.mapperVersion.map(Int64.init)),
                \(incident.mapperHash.map(PostgresText.clean)), \(incident.provenanceText))
            ON CONFLICT (instance, dedup_key) DO NOTHING
            RETURNING id
            """, logger: logger)
        // The row stream is drained before the next statement on this connection.
        var inserted: Int64?
        for try await id in rows.decode(Int64.self) { inserted = id }
        if let id = inserted {
            if !incident.actions.isEmpty {
                // The outbox: in the incident's own transaction, so an acknowledged incident's
                // deliveries are never lost and none exists for an incident that was not stored.
                let received = batch.received.millisecondsSinceEpoch
                _ = try await connection.query(
                    """
                    INSERT INTO deliveries (key, incident, action, status, created, next_attempt)
                    SELECT key, \(id), action, 'pending', \(received), \(received)
                    FROM unnest(\(incident.actions.map { _ in Delivery.makeKey() })::text[],
                        \(incident.actions.map(PostgresText.clean))::text[]) AS outbox (key, action)
                    """, logger: logger
                ).collect()
            }
            return .created(
                StoredIncidentSummary(
                    id: StoreIdentifier.incident.text(id), name: incident.name, type: incident.type, occurred: incident.occurred))
        }
        // The key is taken, by a committed incident or one of this transaction (we hold its lock).
        guard let dedupKey else {
            throw StoreError(.failed(operation: "commit the request", reason: "an incident without a dedup key was not inserted"))
        }
        let existing = try await connection.query(
            "SELECT id, name, type, occurred FROM incidents WHERE instance = \(instance) AND dedup_key = \(dedupKey)",
            logger: logger)
        for try await (id, name, type, occurred) in existing.decode((Int64, String?, String, Int64).self) {
            return .duplicate(
                StoredIncidentSummary(
                    id: StoreIdentifier.incident.text(id), name: name, type: type, occurred: Instant(millisecondsSinceEpoch: occurred)))
        }
        throw StoreError(.failed(operation: "commit the request", reason: "a dedup key conflicted with no visible incident"))
    }

    private static func store(
        _ payload: NewQuarantine, of batch: IngestBatch, on connection: PostgresConnection, logger: Logger
    ) async throws -> IngestResult {
        let rows = try await connection.query(
            """
            INSERT INTO quarantine (instance, received, payload, headers, errors, mapper_name)
            VALUES (\(PostgresText.clean(batch.instance)), \(batch.received.millisecondsSinceEpoch), \(payload.payloadText),
                \(payload.headersText), \(ErrorList.text(payload.errors)), \(payload.mapperName.map(PostgresText.clean)))
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) {
            return .quarantined(id: StoreIdentifier.quarantine.text(id), errors: payload.errors)
        }
        throw StoreError(.failed(operation: "commit the request", reason: "a quarantined payload got no id"))
    }

    /// Resolves the quarantine rows a replayed batch replaces, or refuses the batch when one of
    /// them is no longer open. A concurrent replay of the same rows holds their row locks: the
    /// `UPDATE` waits for its COMMIT, then finds them resolved and updates nothing.
    private static func resolveReplaced(by batch: IngestBatch, on connection: PostgresConnection, logger: Logger) async throws {
        guard !batch.replaces.isEmpty else { return }
        let numbers = Array(Set(try StoreListing.quarantineNumbers(batch.replaces)))
        let rows = try await connection.query(
            """
            UPDATE quarantine SET resolved = \(batch.received.millisecondsSinceEpoch)
            WHERE id = ANY(\(numbers)::bigint[]) AND resolved IS NULL RETURNING id
            """, logger: logger
        ).collect()
        guard rows.count == numbers.count else { throw StoreError(.alreadyResolved) }
    }

    /// Appends the batch's samples to the instance's ring and drops what falls off its end;
    /// the ring's advisory lock is held, so no other listener trims it meanwhile.
    private static func keepSamples(of batch: IngestBatch, on connection: PostgresConnection, logger: Logger) async throws {
        guard batch.samplesKept > 0, !batch.samples.isEmpty else { return }
        let instance = PostgresText.clean(batch.instance)
        let kept = Array(batch.samples.suffix(batch.samplesKept))
        _ = try await connection.query(
            """
            INSERT INTO samples (instance, received, headers, payload)
            SELECT \(instance), received, headers, payload
            FROM unnest(\(kept.map(\.received.millisecondsSinceEpoch))::bigint[], \(kept.map(\.headersText))::text[],
                \(kept.map(\.payloadText))::text[]) WITH ORDINALITY AS sample (received, headers, payload, position)
            ORDER BY position
            """, logger: logger
        ).collect()
        _ = try await connection.query(
            """
            DELETE FROM samples WHERE instance = \(instance) AND id <= (
                SELECT id FROM samples WHERE instance = \(instance) ORDER BY id DESC LIMIT 1 OFFSET \(batch.samplesKept))
            """, logger: logger
        ).collect()
    }
}

/// Text PostgreSQL can hold: it refuses U+0000 in `text`, where SQLite keeps it.
///
/// JSON texts (payloads, headers, fields) always escape it, so only the plain columns a
/// mapper fills (name, type, details, dedup key) can meet it; it becomes U+FFFD there rather
/// than failing the request forever.
enum PostgresText {
    static func clean(_ text: String) -> String {
        text.utf8.contains(0) ? String(text.unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : Character($0) }) : text
    }
}
