import PostgresNIO
import Transforms

/// The columns each read selects, in the order the decoders below expect them.
enum PostgresColumns {
    static let incident = """
        id, instance, created, type, name, occurred, severity, details, fields, dedup_key, raw_payload, headers,
        mapper_name, mapper_version, mapper_hash, provenance
        """
    static let sample = "id, instance, received, headers, payload"
    static let quarantine = "id, instance, received, payload, headers, errors, mapper_name, resolved"
    static let delivery = "id, key, incident, action, status, attempts, created, next_attempt, last_attempt, last_result, delivered"
}

extension StoredIncident {
    /// Reads a row of `PostgresColumns.incident`; returns the row's sort key too.
    static func decode(_ row: PostgresRow) throws -> (StoredIncident, key: [Int64]) {
        let (
            id, instance, created, type, name, occurred, severity, details, fields, dedupKey, rawPayload, headers,
            mapperName, mapperVersion, mapperHash, provenance
        ) = try row.decode(
            (
                Int64, String, Int64, String, String?, Int64, Int, String?, String?, String?, String, String,
                String?, Int64?, String?, String?
            ).self)
        let incident = NewIncident(
            type: type, name: name, occurred: Instant(millisecondsSinceEpoch: occurred), severity: severity, details: details,
            fieldsText: fields, dedupKey: dedupKey, rawPayloadText: rawPayload, headersText: headers, mapperName: mapperName,
            mapperVersion: mapperVersion.map { Int(clamping: $0) }, mapperHash: mapperHash, provenanceText: provenance)
        let stored = StoredIncident(
            id: StoreIdentifier.incident.text(id), instance: instance, created: Instant(millisecondsSinceEpoch: created),
            incident: incident)
        return (stored, [created, id])
    }
}

extension StoredSample {
    /// Reads a row of `PostgresColumns.sample`.
    static func decode(_ row: PostgresRow) throws -> StoredSample {
        let (id, instance, received, headers, payload) = try row.decode((Int64, String, Int64, String, String).self)
        return StoredSample(
            id: StoreIdentifier.sample.text(id), instance: instance, received: Instant(millisecondsSinceEpoch: received),
            headersText: headers, payloadText: payload)
    }
}

extension QuarantinedPayload {
    /// Reads a row of `PostgresColumns.quarantine`; returns the row's sort key too.
    static func decode(_ row: PostgresRow) throws -> (QuarantinedPayload, key: [Int64]) {
        let (id, instance, received, payload, headers, errors, mapperName, resolved) = try row.decode(
            (Int64, String, Int64, String, String, String, String?, Int64?).self)
        let quarantined = QuarantinedPayload(
            id: StoreIdentifier.quarantine.text(id), instance: instance, received: Instant(millisecondsSinceEpoch: received),
            payloadText: payload, headersText: headers, errors: try ErrorList.errors(errors), mapperName: mapperName,
            resolved: resolved.map(Instant.init(millisecondsSinceEpoch:)))
        return (quarantined, [id])
    }
}

extension Delivery {
    /// Reads a row of `PostgresColumns.delivery`.
    static func decode(_ row: PostgresRow) throws -> Delivery {
        let (id, key, incident, action, statusText, attempts, created, next, last, lastResult, delivered) = try row.decode(
            (Int64, String, Int64, String, String, Int, Int64, Int64?, Int64?, String?, Int64?).self)
        guard let status = DeliveryStatus(rawValue: statusText) else {
            throw StoreError(.failed(operation: "read a delivery", reason: "unknown status '\(statusText)'"))
        }
        return Delivery(
            id: StoreIdentifier.delivery.text(id), key: key, incident: StoreIdentifier.incident.text(incident), action: action,
            status: status, attempts: attempts, created: Instant(millisecondsSinceEpoch: created),
            nextAttempt: status == .pending ? next.map(Instant.init(millisecondsSinceEpoch:)) : nil,
            lastAttempt: last.map(Instant.init(millisecondsSinceEpoch:)), lastResult: lastResult,
            delivered: delivered.map(Instant.init(millisecondsSinceEpoch:)))
    }
}
