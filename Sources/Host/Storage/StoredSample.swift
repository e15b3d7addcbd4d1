import Transforms

/// A kept payload of one instance (`GET /api/instances/{name}/samples`).
public struct StoredSample: Sendable, Hashable {
    /// `s` and a number (`s42`); a dry-run names it as `source: sample:s42`.
    public var id: String
    public var instance: String
    public var received: Instant
    /// The kept headers as a JSON object text, as given.
    public var headersText: String
    /// The payload as JSON text, as received.
    public var payloadText: String

    public init(id: String, instance: String, received: Instant, headersText: String, payloadText: String) {
        self.id = id
        self.instance = instance
        self.received = received
        self.headersText = headersText
        self.payloadText = payloadText
    }
}
