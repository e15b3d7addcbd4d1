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
            guard let value = headers[timestampHeader]?.trimmingCharacters(in: .whitespaces) else {
                return AuthRefusal("no \(timestampHeader) header")
            }
            guard let seconds = Int64(value) else { return AuthRefusal("\(timestampHeader) is not Unix seconds") }
            let tolerance = configuration.toleranceSeconds
            guard let skew = Self.skew(of: seconds, from: now) else {
                return AuthRefusal("\(timestampHeader) is further from now than Int64 seconds reach (tolerance \(tolerance) s)")
            }
            guard skew <= UInt64(tolerance) else {
                return AuthRefusal("\(timestampHeader) is \(skew) s from now (tolerance \(tolerance) s)")
            }
            timestamp = value
        }
        let value = header.trimmingCharacters(in: .whitespaces)
        guard value.hasPrefix(configuration.prefix) else {
            return AuthRefusal("\(configuration.header) does not start with the expected prefix")
        }
        guard let signature = decode(String(value.dropFirst(configuration.prefix.count))) else {
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
            let seconds = headers[timestampHeader].flatMap({ Int64($0.trimmingCharacters(in: .whitespaces)) }),
            let value = headers[configuration.header]?.trimmingCharacters(in: .whitespaces),
            value.hasPrefix(configuration.prefix),
            let signature = decode(String(value.dropFirst(configuration.prefix.count)))
        else { return nil }
        let (expires, overflow) = seconds.addingReportingOverflow(Int64(configuration.toleranceSeconds))
        return SignatureReplayKey(signature: signature, expiresAtSecond: overflow ? Int64.max : expires)
    }

    /// How many seconds `seconds` lies from `now`, either way; nil when the distance does not
    /// fit an `Int64` (a sender-chosen `-9223372036854775000`), which no tolerance accepts.
    ///
    /// `abs(a - b)` would trap on exactly such a value and end the process, before any
    /// signature was checked.
    static func skew(of seconds: Int64, from now: Instant) -> UInt64? {
        let (difference, overflow) = (now.millisecondsSinceEpoch / 1000).subtractingReportingOverflow(seconds)
        return overflow ? nil : difference.magnitude
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

    func decode(_ text: String) -> [UInt8]? {
        switch configuration.encoding {
        case .base64: return Data(base64Encoded: text).map { Array($0) }
        case .hex: return Self.hexBytes(text)
        }
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0, !digits.isEmpty else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
