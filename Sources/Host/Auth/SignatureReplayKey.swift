/// An accepted signature, as replay detection remembers it (SPEC §12).
package struct SignatureReplayKey: Hashable, Sendable {
    /// The signature's decoded bytes.
    package var signature: [UInt8]
    /// The Unix second after which the request's timestamp is outside the tolerance window, so
    /// a replay is refused by the timestamp check and need not be remembered.
    package var expiresAtSecond: Int64
}
