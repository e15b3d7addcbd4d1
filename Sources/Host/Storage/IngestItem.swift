/// One element of a request's response: an incident to store, or a payload to quarantine.
public enum IngestItem: Sendable {
    case incident(NewIncident)
    case quarantine(NewQuarantine)
}
