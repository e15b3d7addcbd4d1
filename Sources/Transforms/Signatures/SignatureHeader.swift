import Foundation

/// How a signature is written in its header.
public enum SignatureEncoding: String, Sendable, Equatable, CaseIterable {
    case hex, base64
}

/// Reading the signature and timestamp headers of an HMAC-signed request (SPEC §5): the text a
/// sender controls, before any cryptography.
///
/// It lives in the engine, not beside the verifier, so that it is fuzzed without NIO or
/// swift-crypto (Fuzz/Sources/SignatureFuzz.swift); the host verifies what it returns.
package enum SignatureHeader {
    /// The signature bytes of a header value: surrounding spaces trimmed, then `prefix`
    /// (`sha256=`), then hex digits (either case) or base64. Nil when the prefix is missing or
    /// the rest is not a non-empty signature in `encoding`.
    package static func signature(_ value: String, prefix: String, encoding: SignatureEncoding) -> [UInt8]? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix(prefix) else { return nil }
        let text = trimmed.dropFirst(prefix.count)
        switch encoding {
        case .base64: return Data(base64Encoded: String(text)).map { Array($0) }.flatMap { $0.isEmpty ? nil : $0 }
        case .hex: return hexBytes(text.utf8)
        }
    }

    /// The Unix second of a timestamp header value (surrounding spaces allowed); nil when it
    /// is not a decimal `Int64`.
    package static func timestamp(_ value: String) -> Int64? {
        Int64(value.trimmingCharacters(in: .whitespaces))
    }

    /// How many seconds `seconds` lies from `now`, either way; nil when the distance does not
    /// fit an `Int64` (a sender-chosen `-9223372036854775000`), which no tolerance accepts.
    ///
    /// `abs(a - b)` would trap on exactly such a value and end the process, before any
    /// signature was checked.
    package static func skew(of seconds: Int64, from now: Instant) -> UInt64? {
        let (difference, overflow) = (now.millisecondsSinceEpoch / 1000).subtractingReportingOverflow(seconds)
        return overflow ? nil : difference.magnitude
    }

    static func hexBytes(_ digits: Substring.UTF8View) -> [UInt8]? {
        guard digits.count % 2 == 0, !digits.isEmpty else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = digits.startIndex
        while index != digits.endIndex {
            let next = digits.index(after: index)
            guard let high = FormURLEncoded.hexValue(digits[index]), let low = FormURLEncoded.hexValue(digits[next]) else { return nil }
            bytes.append(high << 4 | low)
            index = digits.index(after: next)
        }
        return bytes
    }
}
