import Transforms

/// A mapped incident to store, in parts.
///
/// The store keeps the parts, not one JSON document, and rebuilds the §7 incident JSON when
/// it is read (`StoredIncident.jsonText`): `id`, `instance` and `created` sit between the
/// mapped keys in S120's order, and columns make filters, dedup and the response summary
/// cheap. The JSON-valued parts (`fieldsText`, payload, headers, provenance) are text the
/// caller serialized once; the store copies them verbatim.
package struct NewIncident: Sendable, Hashable {
    /// The incident type (`Phishing`).
    package var type: String
    /// The `name` built-in field; nil (or `""`) when it has no value.
    package var name: String?
    /// The `occurred` built-in field (the time received when not mapped).
    package var occurred: Instant
    /// The `severity` built-in field, 0 (unknown) to 4 (critical).
    package var severity: Int
    /// The `details` built-in field; nil (or `""`) when it has no value.
    package var details: String?
    /// The `fields` object as JSON text, keys sorted (S120); nil when no field has a value.
    package var fieldsText: String?
    /// The dedup key (S76): a later incident of the same instance with the same key is a
    /// duplicate of this one.
    package var dedupKey: String?
    /// The payload as received, as JSON text (before `prepare`).
    package var rawPayloadText: String
    /// The kept request headers as a JSON object text.
    package var headersText: String
    /// The mapper that produced the incident; nil for the default mapping.
    package var mapperName: String?
    /// The mapper's declared `version`.
    package var mapperVersion: Int?
    /// A hash of the mapper file's text, so an incident names the exact rules that made it.
    package var mapperHash: String?
    /// The per-field step chain (SPEC §10 provenance) as JSON text.
    package var provenanceText: String?
    /// The actions the incident triggers (SPEC §13): the store adds one pending delivery per
    /// name in the incident's own transaction, and none when the incident is a duplicate.
    package var actions: [String] = []

    package init(
        type: String, name: String? = nil, occurred: Instant, severity: Int = 0, details: String? = nil,
        fieldsText: String? = nil, dedupKey: String? = nil, rawPayloadText: String, headersText: String,
        mapperName: String? = nil, mapperVersion: Int? = nil, mapperHash: String? = nil, provenanceText: String? = nil
    ) {
        self.type = type
        self.name = name
        self.occurred = occurred
        self.severity = severity
        self.details = details
        self.fieldsText = fieldsText
        self.dedupKey = dedupKey
        self.rawPayloadText = rawPayloadText
        self.headersText = headersText
        self.mapperName = mapperName
        self.mapperVersion = mapperVersion
        self.mapperHash = mapperHash
        self.provenanceText = provenanceText
    }
}
