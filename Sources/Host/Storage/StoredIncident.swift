import Transforms

/// An incident as kept: the mapped parts plus what the store added.
public struct StoredIncident: Sendable, Hashable {
    /// A decimal number from one sequence (`"1"`, `"2"`, …), as the reference product's ids.
    public var id: String
    public var instance: String
    /// When its request arrived (the batch's `received`); `since` filters on it.
    public var created: Instant
    public var type: String
    public var name: String?
    public var occurred: Instant
    public var severity: Int
    public var details: String?
    /// The `fields` object as JSON text, as given.
    public var fieldsText: String?
    public var dedupKey: String?
    public var rawPayloadText: String
    public var headersText: String
    public var mapperName: String?
    public var mapperVersion: Int?
    public var mapperHash: String?
    public var provenanceText: String?

    public init(id: String, instance: String, created: Instant, incident: NewIncident) {
        self.id = id
        self.instance = instance
        self.created = created
        type = incident.type
        name = incident.name
        occurred = incident.occurred
        severity = incident.severity
        details = incident.details
        fieldsText = incident.fieldsText
        dedupKey = incident.dedupKey
        rawPayloadText = incident.rawPayloadText
        headersText = incident.headersText
        mapperName = incident.mapperName
        mapperVersion = incident.mapperVersion
        mapperHash = incident.mapperHash
        provenanceText = incident.provenanceText
    }

    /// The id, name, type and occurred of the incident, as a response element shows them.
    public var summary: StoredIncidentSummary {
        StoredIncidentSummary(id: id, name: name, type: type, occurred: occurred)
    }
}
