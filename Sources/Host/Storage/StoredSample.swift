import Transforms

/// A kept payload of one instance (`GET /api/instances/{name}/samples`).
package struct StoredSample: Sendable, Hashable {
    /// `s` and a number (`s42`); a dry-run names it as `source: sample:s42`.
    package var id: String
    package var instance: String
    package var received: Instant
    /// The kept headers as a JSON object text, as given.
    package var headersText: String
    /// The payload as JSON text, as received.
    package var payloadText: String

    package init(id: String, instance: String, received: Instant, headersText: String, payloadText: String) {
        self.id = id
        self.instance = instance
        self.received = received
        self.headersText = headersText
        self.payloadText = payloadText
    }
}
