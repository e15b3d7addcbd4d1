import Crypto
import Foundation
import Testing
import Transforms

@testable import Host

/// SPEC §5 over a real socket: each auth mode right and wrong, auth before the body, refused
/// bodies never stored, secrets never logged.
@Suite(.serialized) struct ListenerAuthTests {
    static let config = """
        limits: { max_body_bytes: 2048 }
        instances:
          - name: basic
            auth: { username: bot, password: "${BASIC_PASSWORD}" }
            store_samples: true
          - name: header
            auth: { username: "_header:X-Api-Key", password: k3y-value }
            store_samples: true
          - name: github
            auth: { hmac: { header: X-Hub-Signature-256, secrets: [old-secret, new-secret], prefix: "sha256=" } }
            store_samples: true
          - name: slack
            auth:
              hmac: { header: X-Signature, secret: b64-secret, encoding: base64, timestamp_header: X-Timestamp, tolerance_s: 300 }
        """
    static let environment = ["BASIC_PASSWORD": "pa55 word"]

    func basic(_ user: String, _ password: String) -> (String, String) {
        ("Authorization", "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
    }

    func hexHMAC(_ body: String, _ secret: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Array(body.utf8), using: SymmetricKey(data: Array(secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }

    func base64HMAC(_ message: String, _ secret: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: Array(secret.utf8)))).base64EncodedString()
    }

    func expectRefused(_ response: TestHTTP.Response, basicChallenge: Bool = false) {
        #expect(response.status == 401)
        #expect(response.json == ["error": "Authorization failed."])
        #expect((response.header("WWW-Authenticate") != nil) == basicChallenge)
    }

    @Test func basicAuth() async throws {
        try await TestServer.with(Self.config, environment: Self.environment) { server in
            let ok = try await TestHTTP.post(port: server.port, "/instance/execute/basic", json: "{}", headers: [basic("bot", "pa55 word")])
            #expect(ok.status == 200)
            expectRefused(
                try await TestHTTP.post(port: server.port, "/instance/execute/basic", json: "{}", headers: [basic("bot", "pa55 wor")]),
                basicChallenge: true)
            expectRefused(try await TestHTTP.post(port: server.port, "/instance/execute/basic", json: "{}"), basicChallenge: true)
            let challenge = try await TestHTTP.post(port: server.port, "/instance/execute/basic", json: "{}")
            #expect(challenge.header("WWW-Authenticate")?.hasPrefix("Basic realm=") == true)
            let samples = try await server.store.samples(instance: "basic", limit: 10)
            #expect(samples.count == 1)
            #expect(samples.allSatisfy { !$0.headersText.lowercased().contains("authorization") })
        }
    }

    @Test func headerAuth() async throws {
        try await TestServer.with(Self.config, environment: Self.environment) { server in
            let ok = try await TestHTTP.post(port: server.port, "/instance/execute/header", json: "{}", headers: [("x-api-key", "k3y-value")])
            #expect(ok.status == 200)
            expectRefused(try await TestHTTP.post(port: server.port, "/instance/execute/header", json: "{}", headers: [("X-Api-Key", "k3y-valu")]))
            expectRefused(
                try await TestHTTP.post(port: server.port, "/instance/execute/header", json: "{}", headers: [("Authorization", "k3y-value")]))
            let samples = try await server.store.samples(instance: "header", limit: 10)
            #expect(samples.count == 1 && !samples[0].headersText.contains("k3y-value"))
        }
    }

    @Test func authIsDecidedBeforeTheBodyIsRead() async throws {
        try await TestServer.with(Self.config, environment: Self.environment) { server in
            // The head announces 50 MB (far over max_body_bytes) and no body byte is ever sent:
            // the answer can only come from the headers, and it is 401, not 413.
            let head = TestHTTP.requestBytes(
                "POST", "/instance/execute/basic", headers: [("Content-Type", "application/json"), basic("bot", "wrong")],
                contentLength: 50_000_000)
            let response = try await TestHTTP.exchange(port: server.port, parts: [head])
            expectRefused(response, basicChallenge: true)
            let headerHead = TestHTTP.requestBytes("POST", "/instance/execute/header", headers: [("X-Api-Key", "no")], contentLength: 50_000_000)
            expectRefused(try await TestHTTP.exchange(port: server.port, parts: [headerHead]))
            // With the right credentials the same head is judged on its size instead.
            let allowed = TestHTTP.requestBytes("POST", "/instance/execute/basic", headers: [basic("bot", "pa55 word")], contentLength: 50_000_000)
            #expect(try await TestHTTP.exchange(port: server.port, parts: [allowed]).status == 413)
        }
    }

    @Test func aRefusedSenderCannotKeepStreamingItsBody() async throws {
        try await TestServer.with(
            Self.config.replacingOccurrences(of: "max_body_bytes: 2048", with: "max_body_bytes: 2048, idle_timeout_s: 3600"),
            environment: Self.environment
        ) { server in
            // A keep-alive request refused before its 50 MB body: the answer says Connection: close
            // and the server closes the connection soon after (it would otherwise wait for the
            // body, up to the hour-long idle timeout configured here).
            let head = TestHTTP.requestBytes(
                "POST", "/instance/execute/basic", headers: [basic("bot", "wrong")], contentLength: 50_000_000, keepAlive: true)
            let response = try await withThrowingTaskGroup(of: TestHTTP.Response.self) { group in
                group.addTask { try await TestHTTP.exchange(port: server.port, parts: [head]) }
                group.addTask {
                    try await Task.sleep(for: .seconds(60))
                    throw TestServerFailure(description: "the connection stayed open")
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
            expectRefused(response, basicChallenge: true)
            #expect(response.header("Connection") == "close")
        }
    }

    @Test func hmacHexWithTwoSecrets() async throws {
        try await TestServer.with(Self.config, environment: Self.environment) { server in
            let body = #"{"action": "opened", "name": "PR"}"#
            for secret in ["old-secret", "new-secret"] {
                let response = try await TestHTTP.post(
                    port: server.port, "/instance/execute/github", json: body,
                    headers: [("X-Hub-Signature-256", "sha256=" + hexHMAC(body, secret))])
                #expect(response.status == 200, "\(secret)")
            }
            let tampered = try await TestHTTP.post(
                port: server.port, "/instance/execute/github", json: body.replacingOccurrences(of: "PR", with: "pr"),
                headers: [("X-Hub-Signature-256", "sha256=" + hexHMAC(body, "new-secret"))])
            expectRefused(tampered)
            expectRefused(
                try await TestHTTP.post(
                    port: server.port, "/instance/execute/github", json: body, headers: [("X-Hub-Signature-256", "sha256=" + hexHMAC(body, "guess"))])
            )
            expectRefused(try await TestHTTP.post(port: server.port, "/instance/execute/github", json: body))
            // Refused bodies are never stored; accepted ones are, without the signature header.
            #expect(try await server.incidents().count == 2)
            let samples = try await server.store.samples(instance: "github", limit: 10)
            #expect(samples.count == 2)
            #expect(samples.allSatisfy { !$0.headersText.contains("x-hub-signature-256") })
            // The metadata-only record of a signature failure: reason and size, never body or secret.
            let refusals = server.logs.all.filter { $0.contains("signature refused") }
            #expect(refusals.count == 3)
            #expect(refusals.allSatisfy { !$0.contains("opened") && !$0.contains("secret") && $0.contains("size=") })
            // ... and kept, metadata only, for the admin API (SPEC §10).
            let listed = try await TestHTTP.send(port: server.port, "GET", "/api/instances/github/refusals", body: "")
            let records = try #require(listed.json?.objectValue?["refusals"]?.arrayValue)
            #expect(records.count == 3)
            #expect(
                records.compactMap { $0.objectValue?["reason"]?.stringValue } == [
                    "no X-Hub-Signature-256 header", "signature does not match", "signature does not match",
                ])
            #expect(records.allSatisfy { $0.objectValue?["size"] == .number(.int(body.utf8.count)) })
            #expect(records.allSatisfy { $0.objectValue?["headers"]?.objectValue?["content-type"] == "application/json" })
            #expect(!listed.text.contains("opened") && !listed.text.contains("sha256=") && !listed.text.contains("secret"))
        }
    }

    @Test func hmacBase64WithTimestampTolerance() async throws {
        try await TestServer.with(Self.config, environment: Self.environment) { server in
            let body = #"{"event": "alert"}"#
            let now = Int(Date().timeIntervalSince1970)
            func post(timestamp: Int, signedTimestamp: Int? = nil) async throws -> TestHTTP.Response {
                try await TestHTTP.post(
                    port: server.port, "/instance/execute/slack", json: body,
                    headers: [("X-Timestamp", "\(timestamp)"), ("X-Signature", base64HMAC("\(signedTimestamp ?? timestamp).\(body)", "b64-secret"))])
            }
            #expect(try await post(timestamp: now).status == 200)
            #expect(try await post(timestamp: now - 240).status == 200)
            expectRefused(try await post(timestamp: now - 3600))
            expectRefused(try await post(timestamp: now + 3600))
            expectRefused(try await post(timestamp: now, signedTimestamp: now - 1))
            let stored = try await server.incidents()
            #expect(stored.count == 2)
            #expect(stored.allSatisfy { !$0.headersText.contains("x-timestamp") && !$0.headersText.contains("x-signature") })
        }
    }

    @Test func anOverflowingTimestampIsRefusedAndTheListenerLives() async throws {
        try await TestServer.with(Self.config, environment: Self.environment) { server in
            // No credentials needed: the timestamp is read before any signature is checked.
            // `abs(now - seconds)` used to overflow here and trap, ending the process.
            for timestamp in ["-9223372036854775000", "-9223372036854775808", "9223372036854775807"] {
                let response = try await TestHTTP.post(
                    port: server.port, "/instance/execute/slack", json: "{}",
                    headers: [("X-Timestamp", timestamp), ("X-Signature", base64HMAC("\(timestamp).{}", "b64-secret"))])
                expectRefused(response)
            }
            #expect(try await TestHTTP.send(port: server.port, "GET", "/healthz", body: "").status == 200)
            #expect(try await server.incidents().isEmpty)
        }
    }

    @Test func refusalLogLinesAreRateLimited() async throws {
        try await TestServer.with(Self.config, environment: Self.environment) { server in
            // A minute of probing used to write a line per refused request.
            for _ in 0..<60 {
                #expect(
                    try await TestHTTP.post(port: server.port, "/instance/execute/header", json: "{}", headers: [("X-Api-Key", "guess")]).status
                        == 401)
            }
            let lines = server.logs.all.filter { $0.contains("authorization refused") }
            #expect((1...LogThrottle.linesPerMinute * 2).contains(lines.count), "\(lines.count) lines")
            let metrics = PrometheusText(try await TestHTTP.send(port: server.port, "GET", "/metrics", body: "").text)
            #expect((metrics.value(#"intake_log_lines_suppressed_total{kind="authorization refused"}"#) ?? 0) >= 20)
        }
    }

    @Test func secretsNeverReachTheLog() async throws {
        try await TestServer.with(Self.config, environment: Self.environment) { server in
            _ = try await TestHTTP.post(
                port: server.port, "/instance/execute/basic", json: #"{"secret_payload": 1}"#, headers: [basic("bot", "pa55 word")])
            _ = try await TestHTTP.post(port: server.port, "/instance/execute/basic", json: "{}", headers: [basic("bot", "pa55 wrong")])
            _ = try await TestHTTP.post(port: server.port, "/instance/execute/header", json: "{}", headers: [("X-Api-Key", "k3y-value")])
            let lines = server.logs.all
            #expect(!lines.isEmpty)
            for forbidden in ["pa55", "k3y-value", "old-secret", "b64-secret", "secret_payload", "Basic Ym90"] {
                #expect(!lines.contains { $0.contains(forbidden) }, "\(forbidden) was logged")
            }
        }
    }
}
