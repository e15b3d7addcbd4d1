import Foundation
import GRDB
import Transforms

/// Writes one batch inside a transaction the caller (group commit) owns.
///
/// Dedup is a lookup before the insert: inside the write transaction nothing else writes, so
/// a key stored by an earlier batch of the same group, or earlier in the same batch, is seen
/// like one from an earlier commit, and the first incident's summary is returned.
enum SQLiteIngest {
    static func apply(_ batch: IngestBatch, to db: Database) throws -> IngestReceipt {
        try resolveReplaced(by: batch, in: db)
        try keepSamples(of: batch, in: db)
        var results: [IngestResult] = []
        results.reserveCapacity(batch.items.count)
        for item in batch.items {
            switch item {
            case let .incident(incident):
                results.append(try store(incident, of: batch, in: db))
            case let .quarantine(payload):
                results.append(try store(payload, of: batch, in: db))
            }
        }
        return IngestReceipt(results: results)
    }

    private static func store(_ incident: NewIncident, of batch: IngestBatch, in db: Database) throws -> IngestResult {
        if let key = incident.dedupKey {
            let existing = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, name, type, occurred FROM incidents WHERE instance = ? AND dedup_key = ?"),
                arguments: [batch.instance, key])
            if let existing {
                return .duplicate(
                    StoredIncidentSummary(
                        id: StoreIdentifier.incident.text(existing["id"]),
                        name: existing["name"],
                        type: existing["type"],
                        occurred: Instant(millisecondsSinceEpoch: existing["occurred"])))
            }
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO incidents (instance, created, type, name, occurred, severity, details, fields, dedup_key,
                    raw_payload, headers, mapper_name, mapper_version, mapper_hash, provenance)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            batch.instance, batch.received.millisecondsSinceEpoch, incident.type, incident.name,
            incident.occurred.millisecondsSinceEpoch, incident.severity, incident.details, incident.fieldsText,
            incident.dedupKey, incident.rawPayloadText, incident.headersText, incident.mapperName,
            incident.mapperVersion, incident.mapperHash, incident.provenanceText,
        ])
        let id = db.lastInsertedRowID
        if !incident.actions.isEmpty {
            // The outbox: in the incident's own transaction, so an acknowledged incident's
            // deliveries are never lost and none exists for an incident that was not stored.
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO deliveries (key, incident, action, status, created, next_attempt) VALUES (?, ?, ?, 'pending', ?, ?)
                    """)
            for action in incident.actions {
                try insert.execute(arguments: [
                    Delivery.makeKey(), id, action, batch.received.millisecondsSinceEpoch, batch.received.millisecondsSinceEpoch,
                ])
            }
        }
        return .created(
            StoredIncidentSummary(
                id: StoreIdentifier.incident.text(id),
                name: incident.name, type: incident.type, occurred: incident.occurred))
    }

    private static func store(_ payload: NewQuarantine, of batch: IngestBatch, in db: Database) throws -> IngestResult {
        try db.cachedStatement(
            sql: """
                INSERT INTO quarantine (instance, received, payload, headers, errors, mapper_name)
                VALUES (?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            batch.instance, batch.received.millisecondsSinceEpoch, payload.payloadText, payload.headersText,
            ErrorList.text(payload.errors), payload.mapperName,
        ])
        return .quarantined(id: StoreIdentifier.quarantine.text(db.lastInsertedRowID), errors: payload.errors)
    }

    /// Resolves the quarantine rows a replayed batch replaces, or refuses the batch when one
    /// of them is no longer open.
    private static func resolveReplaced(by batch: IngestBatch, in db: Database) throws {
        guard !batch.replaces.isEmpty else { return }
        let numbers = try StoreListing.quarantineNumbers(batch.replaces)
        let update = try db.cachedStatement(sql: "UPDATE quarantine SET resolved = ? WHERE id = ? AND resolved IS NULL")
        var resolved = 0
        for number in Set(numbers) {
            try update.execute(arguments: [batch.received.millisecondsSinceEpoch, number])
            resolved += db.changesCount
        }
        guard resolved == Set(numbers).count else { throw StoreError(.alreadyResolved) }
    }

    /// Appends the batch's samples to the instance's ring and drops what falls off its end.
    private static func keepSamples(of batch: IngestBatch, in db: Database) throws {
        guard batch.samplesKept > 0, !batch.samples.isEmpty else { return }
        let insert = try db.cachedStatement(
            sql: "INSERT INTO samples (instance, received, headers, payload) VALUES (?, ?, ?, ?)")
        for sample in batch.samples.suffix(batch.samplesKept) {
            try insert.execute(arguments: [
                batch.instance, sample.received.millisecondsSinceEpoch, sample.headersText, sample.payloadText,
            ])
        }
        try db.cachedStatement(
            sql: """
                DELETE FROM samples WHERE instance = ? AND id <= (
                    SELECT id FROM samples WHERE instance = ? ORDER BY id DESC LIMIT 1 OFFSET ?)
                """
        ).execute(arguments: [batch.instance, batch.instance, batch.samplesKept])
    }
}

/// A quarantined payload's errors, kept as a JSON array of strings in one column.
enum ErrorList {
    static func text(_ errors: [String]) -> String {
        var text = "["
        for (index, error) in errors.enumerated() {
            if index > 0 { text += "," }
            JSONText.appendString(error, to: &text)
        }
        return text + "]"
    }

    static func errors(_ text: String) throws -> [String] {
        do {
            return try JSONDecoder().decode([String].self, from: Data(text.utf8))
        } catch {
            throw StoreError(.failed(operation: "read a quarantined payload", reason: "its error list is not a JSON array"))
        }
    }
}
