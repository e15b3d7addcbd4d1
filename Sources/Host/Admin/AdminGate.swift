import Foundation
import Hummingbird
import NIOCore

/// Lets a request into `/api/*` only with the admin token, or from loopback when there is none
/// (SPEC §3).
///
/// The admin API reads every stored payload, so it is closed by default: without
/// `admin.token` only a client on the same machine gets in. The token is compared in constant
/// time (as the instances' secrets are), and every refusal is the same `401`, so a caller
/// learns nothing about why.
///
/// The token comes as `Bearer TOKEN`, or as the password of HTTP Basic (any user name): a
/// browser cannot add a bearer header to a page it opens, but it asks for Basic credentials
/// when `/ui` challenges with `Basic` and then sends them with the page's own `/api` calls.
struct AdminGate: RouterMiddleware {
    typealias Context = IntakeRequestContext

    /// `admin.token`; nil: loopback clients only.
    let token: String?
    /// The scheme a refusal names in `WWW-Authenticate`: `Bearer` for the API, `Basic` for
    /// the playground's pages, so a browser shows its log-in dialog.
    var challenge = "Bearer"

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard allows(authorization: request.headers[.authorization], from: context.remoteAddress) else {
            var error = IngestError(
                .unauthorized, "Authorization failed.",
                headers: token == nil ? [:] : [.wwwAuthenticate: challenge + #" realm="intake admin""#])
            // Refused before its body was read: don't wait for the rest of it (as ingestion).
            error.closesConnection =
                request.headers[.transferEncoding] != nil
                || (request.headers[.contentLength].flatMap { Int($0) } ?? 0) > 0
            throw error
        }
        return try await next(request, context)
    }

    /// Whether a request with this `Authorization` header from this peer may use the API.
    func allows(authorization: String?, from peer: SocketAddress?) -> Bool {
        guard let token else { return Self.isLoopback(peer) }
        guard let authorization, let presented = Self.bearerToken(authorization) ?? Self.basicPassword(authorization) else {
            return false
        }
        return ConstantTime.equals(presented, token)
    }

    /// The password of `Basic base64(user:password)` (RFC 7617); the user name is ignored.
    static func basicPassword(_ header: String) -> Substring? {
        let scheme = "basic "
        guard header.count > scheme.count, header.prefix(scheme.count).lowercased() == scheme,
            let decoded = Data(base64Encoded: String(header.dropFirst(scheme.count).drop { $0 == " " })),
            let credentials = String(data: decoded, encoding: .utf8), let colon = credentials.firstIndex(of: ":")
        else { return nil }
        return credentials[credentials.index(after: colon)...]
    }

    /// The token of `Bearer TOKEN` (the scheme is case-insensitive, RFC 9110 §11.1).
    static func bearerToken(_ header: String) -> Substring? {
        let scheme = "bearer "
        guard header.count > scheme.count, header.prefix(scheme.count).lowercased() == scheme else { return nil }
        return header.dropFirst(scheme.count).drop { $0 == " " }
    }

    /// Whether the peer is this machine: 127.0.0.0/8, ::1, or an IPv4-mapped 127.x.
    static func isLoopback(_ peer: SocketAddress?) -> Bool {
        switch peer {
        case .v4?:
            return peer?.ipAddress?.hasPrefix("127.") ?? false
        case .v6?:
            guard let address = peer?.ipAddress?.lowercased() else { return false }
            return address == "::1" || address.hasPrefix("::ffff:127.")
        case .unixDomainSocket?:
            return true
        case nil:
            return false
        }
    }
}

extension ConstantTime {
    /// `equals` for a token cut out of a header.
    static func equals(_ a: Substring, _ b: String) -> Bool {
        equals(Array(a.utf8), Array(b.utf8))
    }
}
