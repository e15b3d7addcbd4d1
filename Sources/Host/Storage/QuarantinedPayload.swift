import Transforms

/// A payload kept in quarantine, with the errors that put it there (`GET /api/quarantine`).
public struct QuarantinedPayload: Sendable, Hashable {
    /// `q` and a number (`q17`): the id the sender was given.
    public var id: String
    public var instance: String
    public var received: Instant
    public var payloadText: String
    public var headersText: String
    public var errors: [String]
    public var mapperName: String?
    /// When a replay resolved it; nil while it is open.
    public var resolved: Instant?

    public init(
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
