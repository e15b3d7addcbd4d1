import Transforms

/// The signature schemes of senders people use, by name (`auth: {hmac: {preset: NAME}}`,
/// SPEC §5 "Presets"): each fills in what the sender's documentation says, so a user writes
/// the preset and the secret instead of copying five keys. docs/signatures.md describes each.
package enum HMACPreset: String, Sendable, CaseIterable {
    /// `X-Hub-Signature-256: sha256=<hex>` of the body.
    case github
    /// `X-Slack-Signature: v0=<hex>` of `v0:{timestamp}:{body}`, `X-Slack-Request-Timestamp`.
    case slack
    /// `Stripe-Signature: t=<time>,v1=<hex>[,v1=<hex>…]` of `{timestamp}.{body}`; the whole
    /// `whsec_…` text is the key, as Stripe's libraries use it.
    case stripe
    /// `webhook-signature: v1,<base64>[ v1,<base64>…]` of `{id}.{timestamp}.{body}` with the
    /// `webhook-id` and `webhook-timestamp` headers; the key is the base64 after `whsec_`.
    case standardWebhooks = "standard-webhooks"
    /// `Typeform-Signature: sha256=<base64>` of the body.
    case typeform
    /// `X-Shopify-Hmac-Sha256: <base64>` of the body.
    case shopify

    /// The preset names, comma-separated, for messages.
    package static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The sender's scheme, checked with `secrets`. Each sender that signs a time gives five
    /// minutes of tolerance (Slack, Stripe and the Standard Webhooks libraries all default to
    /// 300 s), the configuration's own default.
    package func configuration(secrets: [String]) -> HMACAuthConfiguration {
        switch self {
        case .github:
            var hmac = HMACAuthConfiguration(header: "X-Hub-Signature-256", secrets: secrets)
            hmac.prefix = "sha256="
            return hmac
        case .slack:
            var hmac = HMACAuthConfiguration(
                header: "X-Slack-Signature", secrets: secrets, timestampHeader: "X-Slack-Request-Timestamp",
                signed: "v0:{timestamp}:{body}")
            hmac.prefix = "v0="
            return hmac
        case .stripe:
            var hmac = HMACAuthConfiguration(header: "Stripe-Signature", secrets: secrets, signed: "{timestamp}.{body}")
            hmac.layout = .fields(timestampKey: "t", signatureKey: "v1")
            return hmac
        case .standardWebhooks:
            var hmac = HMACAuthConfiguration(
                header: "webhook-signature", secrets: secrets, timestampHeader: "webhook-timestamp",
                signed: "{id}.{timestamp}.{body}")
            hmac.layout = .spaceSeparated
            hmac.prefix = "v1,"
            hmac.encoding = .base64
            hmac.idHeader = "webhook-id"
            hmac.secretFormat = .base64(prefix: "whsec_")
            return hmac
        case .typeform:
            var hmac = HMACAuthConfiguration(header: "Typeform-Signature", secrets: secrets)
            hmac.prefix = "sha256="
            hmac.encoding = .base64
            return hmac
        case .shopify:
            var hmac = HMACAuthConfiguration(header: "X-Shopify-Hmac-Sha256", secrets: secrets)
            hmac.encoding = .base64
            return hmac
        }
    }
}
