import Foundation
import NIOCore
import Testing
import Transforms

@testable import Host

/// Who may use `/api/*` and `/ui`: the token (bearer, or a Basic password) when one is
/// configured, else loopback clients only.
@Suite(.serialized) struct AdminAccessTests {
    static let token = "adm1n-t0ken"

    static let config = """
        admin: { token: "${ADMIN_TOKEN}" }
        instances:
          - name: forms
            auth: none
            store_samples: true
            mappers: [test-phish]
        """

    /// Every admin route, as (method, path, body).
    static let routes: [(String, String, String)] = [
        ("GET", "/api/instances", ""),
        ("GET", "/api/incidents", ""),
        ("GET", "/api/incidents/1", ""),
        ("GET", "/api/instances/forms/samples", ""),
        ("POST", "/api/instances/forms/dry-run", #"{"payloads": [{"name": "x"}]}"#),
        ("POST", "/api/instances/forms/sample-report", "{}"),
        ("GET", "/api/mappers/test-phish", ""),
        ("PUT", "/api/mappers/test-phish", #"{"mapper": "mapper: test-phish\ntype: Unclassified\nfields: { name: $.title }\n"}"#),
        ("GET", "/api/quarantine", ""),
        ("POST", "/api/quarantine/replay", "{}"),
        ("GET", "/ui", ""),
        ("GET", "/ui/app.js", ""),
    ]

    static let basicToken = "Basic \(Data("admin:\(token)".utf8).base64EncodedString())"

    @Test func everyRouteNeedsTheToken() async throws {
        try await TestServer.with(Self.config, environment: ["ADMIN_TOKEN": Self.token]) { server in
            try await AdminHTTP.ingest(server, "forms", #"{"name": "one"}"#)
            let refused: [[(String, String)]] = [
                [],
                [("Authorization", "Bearer wrong-token")],
                [("Authorization", "Bearer \(Self.token)x")],
                [("Authorization", "Bearer \(Self.token.dropLast())")],
                [("Authorization", "Basic \(Data("admin:\(Self.token)x".utf8).base64EncodedString())")],
                [("Authorization", "Basic \(Data(Self.token.utf8).base64EncodedString())")],
                [("Authorization", Self.token)],
                [("X-Admin-Token", Self.token)],
            ]
            for (method, path, body) in Self.routes {
                for headers in refused {
                    let response = try await TestHTTP.send(
                        port: server.port, method, path, headers: [("Content-Type", "application/json")] + headers, body: body)
                    #expect(response.status == 401, "\(method) \(path) with \(headers): \(response)")
                    #expect(response.json == ["error": "Authorization failed."], "\(method) \(path)")
                    // The pages challenge with Basic, so a browser asks for the token.
                    let scheme = path.hasPrefix("/ui") ? "Basic" : "Bearer"
                    #expect(response.header("WWW-Authenticate")?.hasPrefix(scheme) == true, "\(method) \(path)")
                }
                for authorization in ["Bearer \(Self.token)", "bearer \(Self.token)", Self.basicToken] {
                    let response = try await TestHTTP.send(
                        port: server.port, method, path,
                        headers: [("Content-Type", "application/json"), ("Authorization", authorization)], body: body)
                    #expect(response.status == 200, "\(method) \(path): \(response)")
                }
            }
            // Not behind the token: health and metrics.
            #expect(try await TestHTTP.send(port: server.port, "GET", "/healthz", body: "").status == 200)
            #expect(try await TestHTTP.send(port: server.port, "GET", "/metrics", body: "").status == 200)
        }
    }

    @Test func withoutATokenLoopbackClientsGetIn() async throws {
        let config = Self.config.replacingOccurrences(of: "admin: { token: \"${ADMIN_TOKEN}\" }\n", with: "")
        try await TestServer.with(config) { server in
            try await AdminHTTP.ingest(server, "forms", #"{"name": "one"}"#)
            for (method, path, body) in Self.routes {
                let response = try await TestHTTP.send(
                    port: server.port, method, path, headers: [("Content-Type", "application/json")], body: body)
                #expect(response.status == 200, "\(method) \(path): \(response)")
            }
            // A token sent anyway is not needed, and changes nothing.
            let withToken = try await AdminHTTP.get(server, "/api/incidents", token: "anything")
            #expect(withToken.status == 200)
        }
    }

    /// The rule on the peer address (a real non-loopback peer is not reachable from a test).
    @Test func theNoTokenRuleLooksAtThePeerAddress() throws {
        let open = AdminGate(token: nil)
        #expect(open.allows(authorization: nil, from: try SocketAddress(ipAddress: "127.0.0.1", port: 40000)))
        #expect(open.allows(authorization: nil, from: try SocketAddress(ipAddress: "127.8.9.10", port: 40000)))
        #expect(open.allows(authorization: nil, from: try SocketAddress(ipAddress: "::1", port: 40000)))
        #expect(open.allows(authorization: nil, from: try SocketAddress(ipAddress: "::ffff:127.0.0.1", port: 40000)))
        #expect(!open.allows(authorization: nil, from: try SocketAddress(ipAddress: "10.1.2.3", port: 40000)))
        #expect(!open.allows(authorization: nil, from: try SocketAddress(ipAddress: "192.168.1.127", port: 40000)))
        #expect(!open.allows(authorization: nil, from: try SocketAddress(ipAddress: "::ffff:10.0.0.1", port: 40000)))
        #expect(!open.allows(authorization: nil, from: try SocketAddress(ipAddress: "fe80::1", port: 40000)))
        #expect(!open.allows(authorization: "Bearer x", from: try SocketAddress(ipAddress: "203.0.113.9", port: 40000)))
        #expect(!open.allows(authorization: nil, from: nil))

        // With a token, loopback is no pass: the token is required from everywhere.
        let closed = AdminGate(token: "t0k")
        #expect(!closed.allows(authorization: nil, from: try SocketAddress(ipAddress: "127.0.0.1", port: 40000)))
        #expect(closed.allows(authorization: "Bearer t0k", from: try SocketAddress(ipAddress: "203.0.113.9", port: 40000)))
        #expect(closed.allows(authorization: "BEARER   t0k", from: nil))
        #expect(!closed.allows(authorization: "Bearer t0k ", from: nil))
        #expect(!closed.allows(authorization: "Bearer ", from: nil))
        #expect(!closed.allows(authorization: "Bearert0k", from: nil))
        #expect(closed.allows(authorization: "Basic " + Data("anyone:t0k".utf8).base64EncodedString(), from: nil))
        #expect(closed.allows(authorization: "Basic " + Data(":t0k".utf8).base64EncodedString(), from: nil))
        #expect(!closed.allows(authorization: "Basic " + Data("t0k:".utf8).base64EncodedString(), from: nil))
        #expect(!closed.allows(authorization: "Basic " + Data("t0k".utf8).base64EncodedString(), from: nil))
        #expect(!closed.allows(authorization: "Basic not-base64!", from: nil))
    }
}
