import Crypto
import Foundation
import Testing
import Transforms

@testable import Host

/// SPEC §12 over a real socket: a signed request replayed within the tolerance window is
/// answered as a duplicate of the first and stores nothing new.
/// The instance has a name no other suite uses: the metrics registry is process-wide, and the
/// replay count it asserts must not include other suites' replays.
@Suite(.serialized) struct ListenerReplayTests {
    static let config = """
        limits: { max_remembered_signatures: 3 }
        instances:
          - name: replayed
            auth:
              hmac: { header: X-Signature, secret: s3cret, timestamp_header: X-Timestamp, tolerance_s: 300 }
            store_samples: true
          - name: github
            auth: { hmac: { header: X-Hub-Signature-256, secret: s3cret, prefix: "sha256=" } }
        """

    func signature(_ message: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: Array("s3cret".utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }

    func signed(_ body: String, at timestamp: Int, uppercase: Bool = false) -> [(String, String)] {
        let hex = signature("\(timestamp).\(body)")
        return [("X-Timestamp", "\(timestamp)"), ("X-Signature", uppercase ? hex.uppercased() : hex)]
    }

    @Test func theSameSignedRequestAHundredTimesStoresOneIncident() async throws {
        try await TestServer.with(Self.config) { server in
            let body = #"{"name": "replayed alert"}"#
            let headers = signed(body, at: Int(Date().timeIntervalSince1970))
            let first = try await TestHTTP.post(port: server.port, "/instance/execute/replayed", json: body, headers: headers)
            #expect(first.status == 200)
            let id = first.json?.arrayValue?.first?.objectValue?["id"]
            #expect(first.json?.arrayValue?.first?.objectValue?["status"] == "created")
            for index in 0..<99 {
                // Hex digits in the other case are the same signature.
                let replay = try await TestHTTP.post(
                    port: server.port, "/instance/execute/replayed", json: body,
                    headers: index % 2 == 0 ? headers : signed(body, at: Int(headers[0].1)!, uppercase: true))
                #expect(replay.status == 200)
                #expect(replay.json?.arrayValue?.first?.objectValue?["status"] == "duplicate")
                #expect(replay.json?.arrayValue?.first?.objectValue?["id"] == id)
            }
            #expect(try await server.incidents().count == 1)
            #expect(try await server.store.samples(instance: "replayed", limit: 10).count == 1)
            let metrics = try await TestHTTP.send(port: server.port, "GET", "/metrics", body: "")
            #expect(metrics.text.contains(#"intake_signature_replays_total{instance="replayed"} 99"#))
        }
    }

    @Test func concurrentReplaysWaitForTheFirstAnswer() async throws {
        try await TestServer.with(Self.config) { server in
            let body = #"{"name": "raced"}"#
            let headers = signed(body, at: Int(Date().timeIntervalSince1970))
            let port = server.port
            let answers = try await withThrowingTaskGroup(of: TestHTTP.Response.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await TestHTTP.post(port: port, "/instance/execute/replayed", json: body, headers: headers) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.status == 200 })
            let statuses = answers.compactMap { $0.json?.arrayValue?.first?.objectValue?["status"]?.stringValue }
            #expect(statuses.sorted() == ["created"] + Array(repeating: "duplicate", count: 7))
            #expect(Set(answers.compactMap { $0.json?.arrayValue?.first?.objectValue?["id"]?.stringValue }).count == 1)
            #expect(try await server.incidents().count == 1)
        }
    }

    @Test func aFullMemoryRefusesNewSignaturesWith429() async throws {
        try await TestServer.with(Self.config) { server in
            let now = Int(Date().timeIntervalSince1970)
            for index in 0..<3 {
                let body = #"{"n": \#(index)}"#
                #expect(
                    try await TestHTTP.post(port: server.port, "/instance/execute/replayed", json: body, headers: signed(body, at: now)).status == 200
                )
            }
            let body = #"{"n": 3}"#
            let refused = try await TestHTTP.post(port: server.port, "/instance/execute/replayed", json: body, headers: signed(body, at: now))
            #expect(refused.status == 429)
            #expect(refused.errorMessage?.contains("limits.max_remembered_signatures: 3") == true)
            let retryAfter = refused.header("Retry-After").flatMap { Int($0) }
            #expect(retryAfter.map { (1...301).contains($0) } == true)
            // A replay of a remembered signature is still answered, and nothing new was stored.
            let replay = try await TestHTTP.post(
                port: server.port, "/instance/execute/replayed", json: #"{"n": 0}"#, headers: signed(#"{"n": 0}"#, at: now))
            #expect(replay.json?.arrayValue?.first?.objectValue?["status"] == "duplicate")
            #expect(try await server.incidents().count == 3)
        }
    }

    @Test func withoutATimestampHeaderNothingIsRemembered() async throws {
        try await TestServer.with(Self.config) { server in
            let body = #"{"name": "github push"}"#
            let headers = [("X-Hub-Signature-256", "sha256=" + signature(body))]
            for _ in 0..<2 {
                let response = try await TestHTTP.post(port: server.port, "/instance/execute/github", json: body, headers: headers)
                #expect(response.json?.arrayValue?.first?.objectValue?["status"] == "created")
            }
            #expect(try await server.incidents().count == 2)
        }
    }

    @Test func aFailedFirstRequestIsForgotten() async {
        let memory = SignatureMemory(capacity: 2)
        let key = SignatureReplayKey(fingerprint: [1, 2, 3], expiresAtSecond: 1_000)
        guard case .first = await memory.claim(key, nowSecond: 900) else { Issue.record("not first"); return }
        await memory.forget(key)
        guard case .first = await memory.claim(key, nowSecond: 900) else { Issue.record("not first after forget"); return }
        await memory.answered(key, response: [["id": "7", "status": "created"]])
        guard case .replay(let answer) = await memory.claim(key, nowSecond: 1_000) else { Issue.record("not a replay"); return }
        #expect(answer == [["id": "7", "status": "duplicate"]])
        // Past its window the entry is swept when room is needed.
        let other = SignatureReplayKey(fingerprint: [4], expiresAtSecond: 1_100)
        guard case .first = await memory.claim(other, nowSecond: 1_001) else { Issue.record("other not first"); return }
        await memory.answered(other, response: [])
        let third = SignatureReplayKey(fingerprint: [5], expiresAtSecond: 1_100)
        guard case .first = await memory.claim(third, nowSecond: 1_002) else { Issue.record("expired entry not swept"); return }
        #expect(await memory.count == 2)
    }
}
