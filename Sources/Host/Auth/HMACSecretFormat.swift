import Transforms

/// How a configured HMAC secret becomes the key bytes.
///
/// Most senders use the secret's text as the key. Standard Webhooks shows a `whsec_` prefix
/// followed by base64 of random bytes, and signs with the decoded bytes.
package enum HMACSecretFormat: Sendable, Equatable {
    /// The secret's UTF-8 bytes, as written.
    case text
    /// Base64 after `prefix` (`whsec_…`), padded or not: the decoded bytes. A secret without
    /// the prefix is read as base64 whole, as the Standard Webhooks libraries read it.
    case base64(prefix: String)

    /// The key bytes, or nil when the secret is not in this format (`intake check` reports it).
    package func key(_ secret: String) -> [UInt8]? {
        switch self {
        case .text:
            return Array(secret.utf8)
        case .base64(let prefix):
            let text = secret.hasPrefix(prefix) ? secret.dropFirst(prefix.count) : Substring(secret)
            return SignatureHeader.base64Bytes(text)
        }
    }
}
