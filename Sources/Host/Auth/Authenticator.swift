import Foundation
import Transforms

/// Checks one instance's requests against its `auth:` (SPEC §5).
///
/// Basic and header auth are decided from the headers alone, before the body is read, so a
/// refused sender costs no body buffering. HMAC needs the raw body, which the listener reads
/// (never more than `max_body_bytes`) and hands to `verify(body:headers:now:)` before parsing.
package struct Authenticator: Sendable {
    package var configuration: AuthConfiguration

    package init(_ configuration: AuthConfiguration) {
        self.configuration = configuration
    }

    /// What the headers alone say.
    package enum HeaderDecision: Sendable, Equatable {
        case accepted
        case refused(AuthRefusal)
        /// HMAC: read the body, then call `verify(body:headers:now:)`.
        case needsBody
    }

    /// The decision that needs no body: everything but HMAC.
    package func check(headers: ReceivedHeaders) -> HeaderDecision {
        switch configuration {
        case .none:
            return .accepted
        case .basic(let username, let password):
            guard let header = headers["authorization"] else { return .refused(AuthRefusal("no Authorization header")) }
            guard let credentials = BasicCredentials(header: header) else {
                return .refused(AuthRefusal("Authorization is not Basic credentials"))
            }
            // Both compared in full, whatever the first says, so timing tells nothing.
            let userMatches = ConstantTime.equals(credentials.username, username)
            let passwordMatches = ConstantTime.equals(credentials.password, password)
            return userMatches && passwordMatches ? .accepted : .refused(AuthRefusal("wrong Basic credentials"))
        case .header(let name, let value):
            guard let received = headers[name] else { return .refused(AuthRefusal("no \(name) header")) }
            return ConstantTime.equals(received, value) ? .accepted : .refused(AuthRefusal("wrong \(name) value"))
        case .hmac:
            return .needsBody
        }
    }

    /// The HMAC check over the raw body; `nil` when the signature verifies.
    ///
    /// - Parameter now: The current time, for the timestamp tolerance.
    package func verify(body: [UInt8], headers: ReceivedHeaders, now: Instant) -> AuthRefusal? {
        guard case .hmac(let hmac) = configuration else { return nil }
        return HMACVerifier(hmac).verify(body: body, headers: headers, now: now)
    }

    /// What replay detection remembers of a request `verify` accepted: only HMAC instances
    /// whose requests carry a signing time have one (SPEC §12).
    package func replayKey(body: [UInt8], headers: ReceivedHeaders) -> SignatureReplayKey? {
        guard case .hmac(let hmac) = configuration else { return nil }
        return HMACVerifier(hmac).replayKey(body: body, headers: headers)
    }

    /// The `WWW-Authenticate` value a `401` carries, for Basic only (SPEC §4).
    package var challenge: String? {
        if case .basic = configuration { return #"Basic realm="intake", charset="UTF-8""# }
        return nil
    }
}

/// `Authorization: Basic base64(user:password)`, decoded.
struct BasicCredentials: Equatable {
    var username: String
    var password: String

    init?(header: String) {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":")
        else { return nil }
        username = String(text[..<colon])
        password = String(text[text.index(after: colon)...])
    }
}
