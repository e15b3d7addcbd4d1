import Transforms

/// How requests to one instance authenticate (`auth:`, SPEC §5).
public enum AuthConfiguration: Sendable, Equatable {
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
    public var secretHeaderNames: Set<String> {
        switch self {
        case .none: []
        case .basic: ["authorization"]
        case .header(let name, _): [name.lowercased()]
        case .hmac(let hmac): Set([hmac.header.lowercased()] + (hmac.timestampHeader.map { [$0.lowercased()] } ?? []))
        }
    }
}

/// An HMAC signature check (GitHub, Typeform, Slack styles).
public struct HMACAuthConfiguration: Sendable, Equatable {
    /// The header carrying the signature (`X-Hub-Signature-256`).
    public var header: String
    /// The shared secrets; a signature made with any of them verifies, so a secret can be
    /// rotated without dropping traffic (SPEC §10). One or more.
    public var secrets: [String]
    /// The hash. Default: `sha256`.
    public var algorithm: HMACAlgorithm = .sha256
    /// Text before the encoded signature in the header (`sha256=`, `v0=`). Default: none.
    public var prefix: String = ""
    /// How the signature is written. Default: `hex`.
    public var encoding: SignatureEncoding = .hex
    /// The header carrying the signing time in Unix seconds (Slack's
    /// `X-Slack-Request-Timestamp`). Default: none (no replay window).
    public var timestampHeader: String?
    /// Largest difference in seconds between the signing time and now. Default: 300.
    public var toleranceSeconds: Int = 300
    /// What is signed: `{body}` is the raw body, `{timestamp}` the timestamp header's value.
    /// Default: `{timestamp}.{body}` with a timestamp header, else `{body}`.
    public var signed: String

    public init(header: String, secrets: [String], timestampHeader: String? = nil, signed: String? = nil) {
        self.header = header
        self.secrets = secrets
        self.timestampHeader = timestampHeader
        self.signed = signed ?? (timestampHeader == nil ? "{body}" : "{timestamp}.{body}")
    }
}

/// The hash functions an HMAC auth may use.
public enum HMACAlgorithm: String, Sendable, Equatable, CaseIterable {
    case sha1, sha256, sha512
}
