/// The bounds on what one sender can make the listener do (`limits:`).
///
/// Every limit is here, with its default in its doc comment (STYLE 6), so that an operator
/// can find and tune all of them in one place and a hostile sender meets each of them.
package struct LimitsConfiguration: Sendable, Equatable {
    /// Largest request body accepted, in bytes; larger bodies get `413`, checked while the body
    /// streams in so no more than this is ever buffered. Default: 1 MiB (1048576).
    package var maxBodyBytes: Int = 1_048_576
    /// Deepest nesting of arrays and objects in a JSON body; deeper bodies get `400`.
    /// Default: 64.
    package var maxJSONDepth: Int = 64
    /// Most payloads one request may carry (elements of a JSON array body); more get `400`.
    /// Default: 1000.
    package var maxPayloadsPerRequest: Int = 1000
    /// Largest total size of a request's header block, in bytes; larger requests are refused
    /// by the HTTP parser and the connection closed. Default: 32 KiB (32768).
    package var maxHeaderBytes: Int = 32_768
    /// Seconds a connection may stay silent (keep-alive between requests, or a stalled body)
    /// before it is closed. Default: 60.
    package var idleTimeoutSeconds: Int = 60
    /// Seconds a request body may take to arrive in full, however steadily it trickles;
    /// slower requests get `408` and the connection is closed. Default: 30.
    package var readTimeoutSeconds: Int = 30
    /// Most connections open at once per listening port; further clients wait in the accept
    /// backlog until one closes. Default: 1024.
    package var maxConnections: Int = 1024
    /// Most signed requests an HMAC instance with a signing time remembers at once for replay
    /// detection (SPEC §12); each is forgotten when its timestamp leaves the tolerance window.
    /// A new signature past the limit gets `429` with `Retry-After`. Default: 100000.
    package var maxRememberedSignatures: Int = 100_000
    /// Most bytes of open (unresolved) quarantined payloads one instance may hold. A request
    /// that would quarantine past it is refused whole with `429` and `Retry-After` — nothing
    /// of it stored, nothing acknowledged — until payloads are replayed. Default: 64 MiB
    /// (67108864).
    package var maxQuarantineBytes: Int = 64 << 20

    package init() {}
}
