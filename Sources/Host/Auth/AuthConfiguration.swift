import Transforms

/// How requests to one instance authenticate (`auth:`, SPEC §5).
package enum AuthConfiguration: Sendable, Equatable {
    /// `auth: none`: anything is accepted (loopback only unless `allow_unauthenticated`).
    case none
    /// `{username: U, password: P}`: HTTP Basic with exactly these credentials.
    case basic(username: String, password: String)
    /// `{username: "_header:NAME", password: V}`: the header `NAME` must be exactly `V`
    /// (the reference product's convention for bearer tokens and API keys).
    case header(name: String, value: String)
    /// `{hmac: {...}}`: a signature of the raw body in a header.
    case hmac(HMACAuthConfiguration)

    /// The lower-cased names of the request headers that carry this instance's credentials or
    /// signature: they are never kept with a payload (SPEC §4).
    package var secretHeaderNames: Set<String> {
        switch self {
        case .none: []
        case .basic: ["authorization"]
        case .header(let name, _): [name.lowercased()]
        case .hmac(let hmac): Set([hmac.header, hmac.timestampHeader].compactMap { $0?.lowercased() })
        }
    }
}

/// An HMAC signature check: written out key by key, or filled in by a sender's `preset`
/// (`HMACPreset`), any key written beside the preset overriding its value.
package struct HMACAuthConfiguration: Sendable, Equatable {
    /// The header carrying the signature (`X-Hub-Signature-256`).
    package var header: String
    /// The shared secrets; a signature made with any of them verifies, so a secret can be
    /// rotated without dropping traffic (SPEC §10). One or more.
    package var secrets: [String]
    /// The hash. Default: `sha256`.
    package var algorithm: HMACAlgorithm = .sha256
    /// Where the signatures are in the header: one, or several (Stripe, Standard Webhooks).
    /// Default: `.single`; only presets choose another.
    package var layout: SignatureLayout = .single
    /// Text before each encoded signature in the header (`sha256=`, `v0=`, `v1,`). Default: none.
    package var prefix: String = ""
    /// How the signature is written. Default: `hex`.
    package var encoding: SignatureEncoding = .hex
    /// The header carrying the signing time in Unix seconds (Slack's
    /// `X-Slack-Request-Timestamp`). Default: none (no replay window).
    package var timestampHeader: String?
    /// The header carrying the sender's message id, the `{id}` of `signed` (Standard
    /// Webhooks' `webhook-id`). Default: none; only presets set it.
    package var idHeader: String?
    /// How a secret becomes the HMAC key. Default: its UTF-8 bytes.
    package var secretFormat: HMACSecretFormat = .text
    /// Largest difference in seconds between the signing time and now. Default: 300.
    package var toleranceSeconds: Int = 300
    /// What is signed: `{body}` is the raw body, `{timestamp}` the signing time as sent (header
    /// or Stripe's `t=` field), `{id}` the id header's value.
    /// Default: `{timestamp}.{body}` with a timestamp header, else `{body}`.
    package var signed: String

    package init(header: String, secrets: [String], timestampHeader: String? = nil, signed: String? = nil) {
        self.header = header
        self.secrets = secrets
        self.timestampHeader = timestampHeader
        self.signed = signed ?? (timestampHeader == nil ? "{body}" : "{timestamp}.{body}")
    }
}

extension HMACAuthConfiguration {
    /// Whether requests carry a signing time (a header, or a field of the signature header):
    /// such an instance refuses stale requests and remembers accepted ones (SPEC §12).
    package var hasTimestamp: Bool {
        if case .fields = layout { return true }
        return timestampHeader != nil
    }
}

/// The hash functions an HMAC auth may use.
package enum HMACAlgorithm: String, Sendable, Equatable, CaseIterable {
    case sha1, sha256, sha512
}
