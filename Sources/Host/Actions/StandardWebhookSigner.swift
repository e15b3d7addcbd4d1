import Crypto
import Foundation

/// `sign: {scheme: standard-webhooks, secret: …}`: signs a delivery the way the Standard
/// Webhooks specification says, so a receiver verifies it with any of that specification's
/// libraries (docs/actions.md).
///
/// The signed content is `webhook-id.webhook-timestamp.body`; the signature is
/// `v1,` and the base64 HMAC-SHA256 of it under the secret's bytes.
package struct StandardWebhookSigner: Sendable, Equatable {
    /// The secret as written (`${ACTION_SECRET}` when it came from the environment).
    package var shown: String
    /// The secret's bytes (a `SymmetricKey` is made per signature: it is not `Sendable`); nil
    /// when a command that does not listen read the secret unresolved.
    let key: [UInt8]?

    /// Secrets shorter than this many bytes are refused: the specification asks for 24 to 64.
    static let minimumKeyBytes = 16

    /// - Parameter secret: `whsec_` followed by base64 (the prefix is optional).
    /// - Returns: nil when the secret is not base64 of at least `minimumKeyBytes` bytes.
    package init?(secret: ConfiguredText) {
        let encoded = secret.value.hasPrefix("whsec_") ? String(secret.value.dropFirst("whsec_".count)) : secret.value
        guard let bytes = Data(base64Encoded: encoded), bytes.count >= Self.minimumKeyBytes else { return nil }
        key = Array(bytes)
        shown = secret.shown
    }

    /// A signer whose secret names an unset variable: `intake dry-run` shows where its
    /// signature would go; `intake serve` never makes one (it refuses an unset variable).
    package init(unresolved secret: ConfiguredText) {
        key = nil
        shown = secret.shown
    }

    /// The `webhook-signature` value for one attempt.
    package func signature(id: String, timestamp: Int64, body: [UInt8]) -> String {
        guard let key else { return "v1,(signed with \(shown) when sent)" }
        var message = Array("\(id).\(timestamp).".utf8)
        message += body
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))
        return "v1," + Data(code).base64EncodedString()
    }

    package static func == (left: StandardWebhookSigner, right: StandardWebhookSigner) -> Bool {
        left.shown == right.shown && left.key == right.key
    }
}
