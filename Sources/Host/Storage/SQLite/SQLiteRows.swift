import GRDB
import Transforms

extension StoredIncident {
    /// Reads a row of `incidents`.
    init(row: Row) {
        let incident = NewIncident(
            type: row["type"], name: row["name"], occurred: Instant(millisecondsSinceEpoch: row["occurred"]),
            severity: row["severity"], details: row["details"], fieldsText: row["fields"], dedupKey: row["dedup_key"],
            rawPayloadText: row["raw_payload"], headersText: row["headers"], mapperName: row["mapper_name"],
            mapperVersion: row["mapper_version"], mapperHash: row["mapper_hash"], provenanceText: row["provenance"])
        self.init(
            id: StoreIdentifier.incident.text(row["id"]), instance: row["instance"],
            created: Instant(millisecondsSinceEpoch: row["created"]), incident: incident)
    }
}

extension StoredSample {
    /// Reads a row of `samples`.
    init(row: Row) {
        self.init(
            id: StoreIdentifier.sample.text(row["id"]), instance: row["instance"],
            received: Instant(millisecondsSinceEpoch: row["received"]), headersText: row["headers"],
            payloadText: row["payload"])
    }
}

extension QuarantinedPayload {
    /// Reads a row of `quarantine`.
    init(row: Row) throws {
        let resolved: Int64? = row["resolved"]
        self.init(
            id: StoreIdentifier.quarantine.text(row["id"]), instance: row["instance"],
            received: Instant(millisecondsSinceEpoch: row["received"]), payloadText: row["payload"],
            headersText: row["headers"], errors: try ErrorList.errors(row["errors"]), mapperName: row["mapper_name"],
            resolved: resolved.map(Instant.init(millisecondsSinceEpoch:)))
    }
}
