import Crypto
import Foundation
import Transforms

/// Verifies an HMAC signature of a raw body (SPEC §5): keys written out, or a sender's preset.
///
/// The signed message is the `signed` template with `{id}`, `{timestamp}` and `{body}` filled
/// in. Each configured secret's code is computed once and compared, in constant time, with
/// every signature the header carries, so a secret rotating on either side (SPEC §5, §10)
/// verifies when any pair matches.
struct HMACVerifier {
    var configuration: HMACAuthConfiguration

    init(_ configuration: HMACAuthConfiguration) {
        self.configuration = configuration
    }

    /// What a request carries, read from its headers before any cryptography.
    private struct SignedParts {
        var signatures: [[UInt8]]
        /// The signing time as sent (what `{timestamp}` signs) and as a Unix second.
        var timestamp: (text: String, second: Int64)?
        /// The sender's message id (`{id}`), for a scheme that has one.
        var id: String?
    }

    func verify(body: [UInt8], headers: ReceivedHeaders, now: Instant) -> AuthRefusal? {
        let parts: SignedParts
        switch read(headers) {
        case .failure(let refusal): return refusal
        case .success(let read): parts = read
        }
        if let timestamp = parts.timestamp {
            let tolerance = configuration.toleranceSeconds
            guard let skew = SignatureHeader.skew(of: timestamp.second, from: now) else {
                return AuthRefusal("\(timestampSource) is further from now than Int64 seconds reach (tolerance \(tolerance) s)")
            }
            guard skew <= UInt64(tolerance) else {
                return AuthRefusal("\(timestampSource) is \(skew) s from now (tolerance \(tolerance) s)")
            }
        }
        let message = signedMessage(body: body, timestamp: parts.timestamp?.text, id: parts.id)
        for secret in configuration.secrets {
            guard let key = configuration.secretFormat.key(secret) else { continue }
            let expected = authenticationCode(of: message, key: key)
            if parts.signatures.contains(where: { ConstantTime.equals($0, expected) }) { return nil }
        }
        return AuthRefusal("signature does not match")
    }

    /// What replay detection remembers of a verified request (SPEC §12), or nil for a scheme
    /// without a signing time (or headers that do not read).
    ///
    /// With a message id (Standard Webhooks) the key is the id: the sender's idempotency key,
    /// the same for a replay and for the sender's own redelivery of that message, which is
    /// signed again at a later time. Otherwise it is the SHA-256 of the signed message (time
    /// and body), not the header text, so a replay cannot pass by re-spelling hex or base64 or
    /// by dropping one of several signatures.
    func replayKey(body: [UInt8], headers: ReceivedHeaders) -> SignatureReplayKey? {
        guard case .success(let parts) = read(headers), let timestamp = parts.timestamp else { return nil }
        let identity = parts.id.map { Array($0.utf8) } ?? signedMessage(body: body, timestamp: timestamp.text, id: nil)
        let (expires, overflow) = timestamp.second.addingReportingOverflow(Int64(configuration.toleranceSeconds))
        return SignatureReplayKey(fingerprint: Array(SHA256.hash(data: identity)), expiresAtSecond: overflow ? Int64.max : expires)
    }

    /// Where the signing time comes from, for refusal reasons.
    private var timestampSource: String {
        configuration.timestampHeader ?? "\(configuration.header) timestamp"
    }

    /// The signatures, timestamp and id of a request, or why they cannot be read.
    private func read(_ headers: ReceivedHeaders) -> Result<SignedParts, AuthRefusal> {
        let name = configuration.header
        guard let header = headers[name] else { return .failure(AuthRefusal("no \(name) header")) }
        if configuration.layout == .single, !header.trimmingCharacters(in: .whitespaces).hasPrefix(configuration.prefix) {
            return .failure(AuthRefusal("\(name) does not start with the expected prefix"))
        }
        let reading = SignatureHeader.read(
            header, layout: configuration.layout, prefix: configuration.prefix, encoding: configuration.encoding)
        guard !reading.signatures.isEmpty else {
            return .failure(AuthRefusal("\(name) holds no \(configuration.encoding.rawValue) signature in the expected form"))
        }
        var parts = SignedParts(signatures: reading.signatures)
        if configuration.hasTimestamp {
            guard let text = reading.timestamp ?? configuration.timestampHeader.flatMap({ headers[$0] }) else {
                return .failure(AuthRefusal(configuration.timestampHeader.map { "no \($0) header" } ?? "no timestamp in \(name)"))
            }
            guard let second = SignatureHeader.timestamp(text) else { return .failure(AuthRefusal("\(timestampSource) is not Unix seconds")) }
            parts.timestamp = (text.trimmingCharacters(in: .whitespaces), second)
        }
        if let idHeader = configuration.idHeader {
            guard let id = headers[idHeader], !id.isEmpty else { return .failure(AuthRefusal("no \(idHeader) header")) }
            parts.id = id
        }
        return .success(parts)
    }

    /// The bytes that were signed: the template with its placeholders filled in.
    func signedMessage(body: [UInt8], timestamp: String?, id: String?) -> [UInt8] {
        let values: [(placeholder: String, bytes: [UInt8])] = [
            ("{body}", body), ("{timestamp}", Array((timestamp ?? "").utf8)), ("{id}", Array((id ?? "").utf8)),
        ]
        var message: [UInt8] = []
        message.reserveCapacity(body.count + 64)
        var rest = Substring(configuration.signed)
        while let open = rest.firstIndex(of: "{") {
            message += Array(rest[..<open].utf8)
            let tail = rest[open...]
            if let value = values.first(where: { tail.hasPrefix($0.placeholder) }) {
                message += value.bytes
                rest = tail.dropFirst(value.placeholder.count)
            } else {
                message.append(UInt8(ascii: "{"))
                rest = tail.dropFirst()
            }
        }
        return message + Array(rest.utf8)
    }

    /// The HMAC of `message` under `key` with the configured hash.
    func authenticationCode(of message: [UInt8], key: [UInt8]) -> [UInt8] {
        let key = SymmetricKey(data: key)
        switch configuration.algorithm {
        case .sha1: return Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
        case .sha256: return Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        case .sha512: return Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
        }
    }
}
