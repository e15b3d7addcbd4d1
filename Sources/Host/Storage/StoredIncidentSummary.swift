import Transforms

/// What a response element says about an incident: the first stored one, for a duplicate.
public struct StoredIncidentSummary: Sendable, Hashable {
    public var id: String
    /// nil when the incident has no name (the response shows `""`, S121).
    public var name: String?
    public var type: String
    public var occurred: Instant

    public init(id: String, name: String?, type: String, occurred: Instant) {
        self.id = id
        self.name = name
        self.type = type
        self.occurred = occurred
    }
}
