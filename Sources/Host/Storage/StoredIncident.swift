import Transforms

/// An incident as kept: the mapped parts as committed, plus what the store added.
///
/// The parts are the `NewIncident` the listener committed, reached through dynamic member
/// lookup (`stored.type`, `stored.fieldsText`), so the two never drift apart.
@dynamicMemberLookup
package struct StoredIncident: Sendable, Hashable {
    /// A decimal number from one sequence (`"1"`, `"2"`, …), as the reference product's ids.
    package var id: String
    package var instance: String
    /// When its request arrived (the batch's `received`); `since` filters on it.
    package var created: Instant
    /// What was committed.
    package var incident: NewIncident

    package init(id: String, instance: String, created: Instant, incident: NewIncident) {
        self.id = id
        self.instance = instance
        self.created = created
        self.incident = incident
    }

    package subscript<Value>(dynamicMember keyPath: KeyPath<NewIncident, Value>) -> Value {
        incident[keyPath: keyPath]
    }

    /// The id, name, type and occurred of the incident, as a response element shows them.
    package var summary: StoredIncidentSummary {
        StoredIncidentSummary(id: id, name: incident.name, type: incident.type, occurred: incident.occurred)
    }
}
