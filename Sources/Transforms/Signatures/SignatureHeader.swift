import Foundation

/// How a signature is written in its header.
public enum SignatureEncoding: String, Sendable, Equatable, CaseIterable {
    case hex, base64
}

/// Where the signatures are in a signature header value (SPEC §5 "Presets").
public enum SignatureLayout: Sendable, Equatable {
    /// The whole value is one signature after the prefix (GitHub, Slack, Typeform, Shopify).
    case single
    /// Space-separated entries, each the prefix then a signature (Standard Webhooks'
    /// `v1,<base64> v1,<base64>`); entries with another prefix (`v1a,…`) are skipped.
    case spaceSeparated
    /// Comma-separated `key=value` fields (Stripe's `t=…,v1=…,v1=…`): the signing time in the
    /// first `timestampKey` field, one signature in each `signatureKey` field (after the
    /// prefix); fields with other keys (`v0=…`) are skipped.
    case fields(timestampKey: String, signatureKey: String)
}

/// Reading the signature and timestamp headers of an HMAC-signed request (SPEC §5): the text a
/// sender controls, before any cryptography.
///
/// It lives in the engine, not beside the verifier, so that it is fuzzed without NIO or
/// swift-crypto (Fuzz/Sources/SignatureFuzz.swift); the host verifies what it returns.
package enum SignatureHeader {
    /// What a signature header value holds: every well-formed signature, in order, and the
    /// signing time when the layout carries one in the header itself (Stripe's `t=`).
    package struct Reading: Equatable, Sendable {
        package var signatures: [[UInt8]] = []
        /// The timestamp field's text, trimmed; not yet read as a number.
        package var timestamp: String?

        package init(signatures: [[UInt8]] = [], timestamp: String? = nil) {
            self.signatures = signatures
            self.timestamp = timestamp
        }
    }

    /// The signatures (and, for `.fields`, the timestamp) of a header value in `layout`.
    /// Entries that are not a signature in `encoding` after `prefix` are skipped, as the
    /// senders' own verifiers skip them, so a header with several versions or several
    /// signatures (a sender rotating its secret) verifies when any one of them does.
    package static func read(_ value: String, layout: SignatureLayout, prefix: String, encoding: SignatureEncoding) -> Reading {
        switch layout {
        case .single:
            return Reading(signatures: signature(value, prefix: prefix, encoding: encoding).map { [$0] } ?? [])
        case .spaceSeparated:
            // Split on Unicode scalars, not characters: a separator followed by a combining
            // mark is still a separator on the wire.
            let entries = value.unicodeScalars.split(whereSeparator: { $0 == " " || $0 == "\t" })
            return Reading(signatures: entries.compactMap { signature(String(Substring($0)), prefix: prefix, encoding: encoding) })
        case .fields(let timestampKey, let signatureKey):
            var reading = Reading()
            for field in value.unicodeScalars.split(separator: ",") {
                guard let equals = field.firstIndex(of: "=") else { continue }
                let key = String(Substring(field[..<equals])).trimmingCharacters(in: .whitespaces)
                let text = String(Substring(field[field.index(after: equals)...])).trimmingCharacters(in: .whitespaces)
                if key == timestampKey {
                    if reading.timestamp == nil { reading.timestamp = text }
                } else if key == signatureKey, let signature = signature(text, prefix: prefix, encoding: encoding) {
                    reading.signatures.append(signature)
                }
            }
            return reading
        }
    }

    /// The signature bytes of a header value: surrounding spaces trimmed, then `prefix`
    /// (`sha256=`), then hex digits (either case) or base64. Nil when the prefix is missing or
    /// the rest is not a non-empty signature in `encoding`.
    package static func signature(_ value: String, prefix: String, encoding: SignatureEncoding) -> [UInt8]? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix(prefix) else { return nil }
        let text = trimmed.dropFirst(prefix.count)
        switch encoding {
        case .base64: return base64Bytes(text)
        case .hex: return hexBytes(text.utf8)
        }
    }

    /// Standard base64 with or without its `=` padding (Standard Webhooks secrets are often
    /// written unpadded, and its libraries accept both); nil when empty or not base64.
    package static func base64Bytes(_ text: Substring) -> [UInt8]? {
        let padding: String
        switch text.utf8.count % 4 {
        case 0: padding = ""
        case 2: padding = "=="
        case 3: padding = "="
        default: return nil
        }
        guard let data = Data(base64Encoded: String(text) + padding), !data.isEmpty else { return nil }
        return Array(data)
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
