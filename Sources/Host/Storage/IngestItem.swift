/// One element of a request's response: an incident to store, or a payload to quarantine.
package enum IngestItem: Sendable {
    case incident(NewIncident)
    case quarantine(NewQuarantine)
}
