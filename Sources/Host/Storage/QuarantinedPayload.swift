import Transforms

/// A payload kept in quarantine, with the errors that put it there (`GET /api/quarantine`).
package struct QuarantinedPayload: Sendable, Hashable {
    /// `q` and a number (`q17`): the id the sender was given.
    package var id: String
    package var instance: String
    package var received: Instant
    package var payloadText: String
    package var headersText: String
    package var errors: [String]
    package var mapperName: String?
    /// When a replay resolved it; nil while it is open.
    package var resolved: Instant?

    package init(
        id: String, instance: String, received: Instant, payloadText: String, headersText: String,
        errors: [String], mapperName: String?, resolved: Instant? = nil
    ) {
        self.id = id
        self.instance = instance
        self.received = received
        self.payloadText = payloadText
        self.headersText = headersText
        self.errors = errors
        self.mapperName = mapperName
        self.resolved = resolved
    }
}
