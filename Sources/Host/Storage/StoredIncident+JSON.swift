import Transforms

extension StoredIncident {
    /// The incident as JSON (SPEC §7, SEMANTICS S120): keys in the order `id, instance, incident.type,
    /// name, incident.occurred, created, incident.severity, details, fields, mapper, dedup_key`, each absent
    /// when empty except `type`, `occurred` and `severity`.
    ///
    /// Built here, once, so the admin API, the CLI and exports print the same bytes. The
    /// `fields`, payload, headers and provenance texts are copied as stored.
    /// - Parameters:
    ///   - raw: adds `"raw": {"payload": …, "headers": …}` (`?raw=1`).
    ///   - provenance: adds `"provenance": …` when one was kept (`?explain=1`).
    ///   - deliveries: adds `"deliveries": [...]`, the incident's action deliveries (SPEC §13).
    package func jsonText(raw: Bool = false, provenance: Bool = false, deliveries: [Delivery]? = nil) -> String {
        let incident = self.incident
        var json = JSONText()
        json.beginObject()
        json.string("id", id)
        json.string("instance", instance)
        json.string("type", incident.type)
        if let name = incident.name, !name.isEmpty { json.string("name", name) }
        json.string("occurred", incident.occurred.rfc3339)
        json.string("created", created.rfc3339)
        json.integer("severity", incident.severity)
        if let details = incident.details, !details.isEmpty { json.string("details", details) }
        if let fieldsText = incident.fieldsText, !Self.isEmptyObject(fieldsText) { json.raw("fields", fieldsText) }
        if let mapperName = incident.mapperName {
            json.key("mapper")
            json.beginObject()
            json.string("name", mapperName)
            if let mapperVersion = incident.mapperVersion { json.integer("version", mapperVersion) }
            json.endObject()
        }
        if let dedupKey = incident.dedupKey { json.string("dedup_key", dedupKey) }
        if raw {
            json.key("raw")
            json.beginObject()
            json.raw("payload", incident.rawPayloadText)
            json.raw("headers", incident.headersText)
            json.endObject()
        }
        if provenance, let provenanceText = incident.provenanceText { json.raw("provenance", provenanceText) }
        if let deliveries { json.raw("deliveries", "[" + deliveries.map(\.jsonText).joined(separator: ",") + "]") }
        json.endObject()
        return json.text
    }

    private static func isEmptyObject(_ text: String) -> Bool {
        text.allSatisfy { $0 == "{" || $0 == "}" || $0.isWhitespace }
    }
}
