/// An accepted signed request, as replay detection remembers it (SPEC §12).
package struct SignatureReplayKey: Hashable, Sendable {
    /// What makes the request the same request again: the SHA-256 of its signed message, or
    /// of the sender's message id where the scheme has one (`HMACVerifier.replayKey`).
    package var fingerprint: [UInt8]
    /// The Unix second after which the request's timestamp is outside the tolerance window, so
    /// a replay is refused by the timestamp check and need not be remembered.
    package var expiresAtSecond: Int64
}
