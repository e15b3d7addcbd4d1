import Transforms

/// A raw payload to keep as a sample, so mappers can be dry-run against real traffic.
package struct NewSample: Sendable {
    /// The payload as JSON text, as received (one payload of the body, not the whole body).
    package var payloadText: String
    /// The kept request headers as a JSON object text (names lower-cased, secrets removed).
    package var headersText: String
    /// When the payload arrived.
    package var received: Instant

    package init(payloadText: String, headersText: String, received: Instant) {
        self.payloadText = payloadText
        self.headersText = headersText
        self.received = received
    }
}
