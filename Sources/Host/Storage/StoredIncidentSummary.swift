import Transforms

/// What a response element says about an incident: the first stored one, for a duplicate.
package struct StoredIncidentSummary: Sendable, Hashable {
    package var id: String
    /// nil when the incident has no name (the response shows `""`, S121).
    package var name: String?
    package var type: String
    package var occurred: Instant

    package init(id: String, name: String?, type: String, occurred: Instant) {
        self.id = id
        self.name = name
        self.type = type
        self.occurred = occurred
    }
}
