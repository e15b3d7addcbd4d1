/// What a committed batch became: one result per `IngestItem`, in the same order.
package struct IngestReceipt: Sendable {
    package var results: [IngestResult]

    package init(results: [IngestResult]) {
        self.results = results
    }
}

/// The fate of one item of a batch: the `status` of its response element (SPEC §4).
package enum IngestResult: Sendable, Hashable {
    /// A new incident was stored.
    case created(StoredIncidentSummary)
    /// An incident with the same instance and dedup key exists: its summary, nothing stored.
    case duplicate(StoredIncidentSummary)
    /// The payload was quarantined under this id (`q17`).
    case quarantined(id: String, errors: [String])
}
