import Crypto
import Foundation
import Transforms

/// Verifies an HMAC signature of a raw body (GitHub, Typeform, Slack styles; SPEC §5).
///
/// The signed message is the `signed` template with `{timestamp}` and `{body}` filled in;
/// every configured secret is tried (rotation, SPEC §10), and each comparison is swift-crypto's
/// constant-time `isValidAuthenticationCode`.
struct HMACVerifier {
    var configuration: HMACAuthConfiguration

    init(_ configuration: HMACAuthConfiguration) {
        self.configuration = configuration
    }

    func verify(body: [UInt8], headers: ReceivedHeaders, now: Instant) -> AuthRefusal? {
        guard let header = headers[configuration.header] else { return AuthRefusal("no \(configuration.header) header") }
        var timestamp: String?
        if let timestampHeader = configuration.timestampHeader {
            guard let value = headers[timestampHeader] else {
                return AuthRefusal("no \(timestampHeader) header")
            }
            guard let seconds = SignatureHeader.timestamp(value) else { return AuthRefusal("\(timestampHeader) is not Unix seconds") }
            let tolerance = configuration.toleranceSeconds
            guard let skew = SignatureHeader.skew(of: seconds, from: now) else {
                return AuthRefusal("\(timestampHeader) is further from now than Int64 seconds reach (tolerance \(tolerance) s)")
            }
            guard skew <= UInt64(tolerance) else {
                return AuthRefusal("\(timestampHeader) is \(skew) s from now (tolerance \(tolerance) s)")
            }
            timestamp = value.trimmingCharacters(in: .whitespaces)
        }
        guard header.trimmingCharacters(in: .whitespaces).hasPrefix(configuration.prefix) else {
            return AuthRefusal("\(configuration.header) does not start with the expected prefix")
        }
        guard let signature = signature(in: header) else {
            return AuthRefusal("\(configuration.header) is not \(configuration.encoding.rawValue)")
        }
        let message = signedMessage(body: body, timestamp: timestamp)
        for secret in configuration.secrets where matches(signature, message: message, secret: secret) {
            return nil
        }
        return AuthRefusal("signature does not match")
    }

    /// The signature a verified request carries, decoded, and the second its timestamp leaves
    /// the tolerance window: what replay detection remembers (SPEC §12). Nil without a
    /// timestamp header, or when the headers do not hold a well-formed signature and time.
    ///
    /// Decoded bytes, not the header text, so that a replay cannot pass by changing the case
    /// of hex digits or the base64 padding.
    func replayKey(headers: ReceivedHeaders) -> SignatureReplayKey? {
        guard let timestampHeader = configuration.timestampHeader,
            let seconds = headers[timestampHeader].flatMap(SignatureHeader.timestamp),
            let signature = headers[configuration.header].flatMap(signature(in:))
        else { return nil }
        let (expires, overflow) = seconds.addingReportingOverflow(Int64(configuration.toleranceSeconds))
        return SignatureReplayKey(signature: signature, expiresAtSecond: overflow ? Int64.max : expires)
    }

    /// The bytes that were signed: the template with its placeholders filled in.
    func signedMessage(body: [UInt8], timestamp: String?) -> [UInt8] {
        var message: [UInt8] = []
        message.reserveCapacity(body.count + 64)
        var rest = Substring(configuration.signed)
        while let open = rest.firstIndex(of: "{") {
            message += Array(rest[..<open].utf8)
            let tail = rest[open...]
            if tail.hasPrefix("{body}") {
                message += body
                rest = tail.dropFirst("{body}".count)
            } else if tail.hasPrefix("{timestamp}") {
                message += Array((timestamp ?? "").utf8)
                rest = tail.dropFirst("{timestamp}".count)
            } else {
                message.append(UInt8(ascii: "{"))
                rest = tail.dropFirst()
            }
        }
        return message + Array(rest.utf8)
    }

    func matches(_ signature: [UInt8], message: [UInt8], secret: String) -> Bool {
        let key = SymmetricKey(data: Array(secret.utf8))
        switch configuration.algorithm {
        case .sha1: return HMAC<Insecure.SHA1>.isValidAuthenticationCode(signature, authenticating: message, using: key)
        case .sha256: return HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: message, using: key)
        case .sha512: return HMAC<SHA512>.isValidAuthenticationCode(signature, authenticating: message, using: key)
        }
    }

    /// The signature bytes of a signature header value, as this instance writes them.
    func signature(in header: String) -> [UInt8]? {
        SignatureHeader.signature(header, prefix: configuration.prefix, encoding: configuration.encoding)
    }
}
