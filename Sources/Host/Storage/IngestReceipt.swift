/// What a committed batch became: one result per `IngestItem`, in the same order.
public struct IngestReceipt: Sendable {
    public var results: [IngestResult]

    public init(results: [IngestResult]) {
        self.results = results
    }
}

/// The fate of one item of a batch: the `status` of its response element (SPEC §4).
public enum IngestResult: Sendable, Hashable {
    /// A new incident was stored.
    case created(StoredIncidentSummary)
    /// An incident with the same instance and dedup key exists: its summary, nothing stored.
    case duplicate(StoredIncidentSummary)
    /// The payload was quarantined under this id (`q17`).
    case quarantined(id: String, errors: [String])
}
