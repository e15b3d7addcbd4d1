import Crypto
import Foundation
import Synchronization
import Testing
import Transforms

@testable import Host

/// Actions end to end (SPEC §13): the real listener on a loopback port commits an incident,
/// and its delivery worker sends the action to a receiver the test runs on another port.
@Suite(.timeLimit(.minutes(2)))
struct ActionDeliveryTests {
    static let secret = "whsec_" + Data((0..<32).map { UInt8($0 * 7 % 256) }).base64EncodedString()

    static func configuration(url: String, action: String = "", retry: String = "{ attempts: 3, initial_s: 1, max_s: 1 }") -> String {
        """
        instances:
          - name: forms
            auth: { username: _header:X-Token, password: letmein }
            mappers: [test-phish]
        actions:
          - name: hook
            when: { types: [Phishing] }
            request: { url: "\(url)", timeout_s: 2 }
            sign: { scheme: standard-webhooks, secret: "${HOOK_SECRET}" }
            retry: \(retry)
        \(action)
        """
    }

    static let payload = #"{"kind": "phish", "id": "p1", "title": "Suspicious mail", "email": "Alice@Example.com"}"#

    static func post(_ server: TestServer, _ json: String = payload, token: String = "letmein") async throws -> TestHTTP.Response {
        try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: json, headers: [("X-Token", token)])
    }

    /// The signature a Standard Webhooks receiver computes, written here from the specification
    /// rather than with Intake's signer.
    static func expectedSignature(_ request: TestReceiver.Request) -> String? {
        guard let id = request.headers["webhook-id"], let timestamp = request.headers["webhook-timestamp"],
            let key = Data(base64Encoded: String(secret.dropFirst("whsec_".count)))
        else { return nil }
        let content = Data("\(id).\(timestamp).".utf8) + Data(request.body)
        return "v1," + Data(HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: key))).base64EncodedString()
    }

    /// Waits until the store has the delivery of `incident` in `status`.
    static func waitForDelivery(_ server: TestServer, status: DeliveryStatus) async throws -> Delivery? {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let found = try await server.store.deliveries(DeliveryQuery(status: status)).items.first { return found }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    @Test func aStoredIncidentIsDeliveredSignedWithItsJSON() async throws {
        try await TestReceiver.with { receiver in
            try await TestServer.with(Self.configuration(url: receiver.url), environment: ["HOOK_SECRET": Self.secret]) { server in
                let response = try await Self.post(server)
                #expect(response.status == 200)
                let requests = await receiver.log.wait(for: 1)
                try #require(requests.count == 1)
                let request = requests[0]
                #expect(request.method == "POST")
                #expect(request.headers["content-type"] == "application/json")
                let stored = try #require(try await server.incidents().first)
                #expect(request.text == stored.jsonText(), "without body: the incident JSON as stored")
                let id = try #require(request.headers["webhook-id"])
                #expect(id.hasPrefix("msg_"))
                #expect(request.headers["idempotency-key"] == id)
                #expect(request.headers["webhook-signature"] == Self.expectedSignature(request))
                let timestamp = try #require(request.headers["webhook-timestamp"].flatMap { Int($0) })
                #expect(abs(timestamp - Int(Date().timeIntervalSince1970)) < 60)

                let delivery = try #require(try await Self.waitForDelivery(server, status: .delivered))
                #expect(delivery.key == id)
                #expect(delivery.incident == stored.id)
                #expect(delivery.attempts == 1)
                #expect(delivery.lastResult == "HTTP 200")

                let explained = try await TestHTTP.send(port: server.port, "GET", "/api/incidents/\(stored.id)?explain=1", body: "")
                let deliveries = explained.json?.objectValue?["deliveries"]?.arrayValue
                #expect(deliveries?.first?.objectValue?["key"]?.stringValue == id)
                let listed = try await TestHTTP.send(port: server.port, "GET", "/api/actions?status=delivered", body: "")
                #expect(listed.json?.objectValue?["deliveries"]?.arrayValue?.count == 1)
                let metrics = try await TestHTTP.send(port: server.port, "GET", "/metrics", body: "")
                #expect(metrics.text.contains(#"intake_deliveries_total{action="hook",outcome="delivered"}"#))
                #expect(metrics.text.contains(#"intake_delivery_seconds_count{action="hook"}"#))
            }
        }
    }

    @Test func aFailingReceiverGetsTheSameDeliveryAgainAndRetryAfterIsHonoured() async throws {
        // 500, then 429 asking for 2 s (longer than any computed delay, at most 1 s), then 200.
        let answers: [TestReceiver.Answer] = [
            .init(status: 500), .init(status: 429, retryAfter: "2"), .init(status: 200),
        ]
        try await TestReceiver.with(answer: { answers[min($0, answers.count - 1)] }) { receiver in
            try await TestServer.with(Self.configuration(url: receiver.url), environment: ["HOOK_SECRET": Self.secret]) { server in
                #expect(try await Self.post(server).status == 200)
                let requests = await receiver.log.wait(for: 3)
                try #require(requests.count == 3)
                #expect(Set(requests.compactMap { $0.headers["webhook-id"] }).count == 1, "one delivery id on every attempt")
                #expect(requests.allSatisfy { $0.headers["webhook-signature"] == Self.expectedSignature($0) })
                #expect(requests[2].arrived - requests[1].arrived >= .milliseconds(1900), "Retry-After: 2 was honoured")
                let delivery = try #require(try await Self.waitForDelivery(server, status: .delivered))
                #expect(delivery.attempts == 3)
            }
        }
    }

    @Test func aSlowReceiverTimesOutAndIsTriedAgain() async throws {
        try await TestReceiver.with(answer: { $0 == 0 ? .init(delay: .seconds(4)) : .init() }) { receiver in
            try await TestServer.with(Self.configuration(url: receiver.url), environment: ["HOOK_SECRET": Self.secret]) { server in
                #expect(try await Self.post(server).status == 200)
                #expect(await receiver.log.wait(for: 2).count == 2)
                let delivery = try #require(try await Self.waitForDelivery(server, status: .delivered))
                #expect(delivery.attempts == 2)
            }
        }
    }

    @Test func afterTheLastAttemptTheDeliveryIsParkedAndARetrySendsIt() async throws {
        let failing = SharedFlag(true)
        try await TestReceiver.with(answer: { _ in failing.value ? .init(status: 503) : .init() }) { receiver in
            let config = Self.configuration(url: receiver.url, retry: "{ attempts: 2, initial_s: 1, max_s: 1 }")
            try await TestServer.with(config, environment: ["HOOK_SECRET": Self.secret]) { server in
                #expect(try await Self.post(server).status == 200)
                let parked = try #require(try await Self.waitForDelivery(server, status: .failed))
                #expect(parked.attempts == 2)
                #expect(parked.lastResult == "HTTP 503")
                #expect(await receiver.log.requests.count == 2)
                let metrics = try await TestHTTP.send(port: server.port, "GET", "/metrics", body: "")
                #expect(metrics.text.contains(#"intake_deliveries_total{action="hook",outcome="failed"}"#))
                #expect(metrics.text.contains(#"intake_deliveries_total{action="hook",outcome="retrying"}"#))

                failing.value = false
                let retried = try await TestHTTP.send(port: server.port, "POST", "/api/actions/\(parked.id)/retry", body: "")
                #expect(retried.status == 200)
                #expect(retried.json?.objectValue?["status"]?.stringValue == "pending")
                let requests = await receiver.log.wait(for: 3)
                #expect(requests.count == 3)
                #expect(requests.last?.headers["webhook-id"] == parked.key)
                let delivered = try #require(try await Self.waitForDelivery(server, status: .delivered))
                #expect(delivered.id == parked.id)
                let unknown = try await TestHTTP.send(port: server.port, "POST", "/api/actions/d999/retry", body: "")
                #expect(unknown.status == 404)
            }
        }
    }

    @Test func nothingIsSentForARefusedDuplicateQuarantinedOrUnselectedPayload() async throws {
        let critical = """
              - name: critical-only
                when: { min_severity: critical }
                request: { url: "URL" }
            """
        try await TestReceiver.with { receiver in
            let config = Self.configuration(url: receiver.url, action: critical.replacingOccurrences(of: "URL", with: receiver.url))
            try await TestServer.with(config, environment: ["HOOK_SECRET": Self.secret]) { server in
                #expect(try await Self.post(server, token: "wrong").status == 401)
                #expect(try await Self.post(server, #"{"kind": "phish", "id": "p2", "title": "no reporter"}"#).status == 200)
                #expect(try await Self.post(server, #"{"kind": "other"}"#).status == 200, "Unclassified: no action selects it")
                #expect(try await Self.post(server).status == 200)
                #expect(try await Self.post(server).status == 200, "a duplicate")
                #expect(await receiver.log.wait(for: 1).count == 1)
                let all = try await server.store.deliveries(DeliveryQuery()).items
                #expect(all.map(\.action) == ["hook"], "one delivery: the stored Phishing incident's, severity 0")
                try await Task.sleep(for: .milliseconds(500))
                #expect(await receiver.log.requests.count == 1)
            }
        }
    }

    @Test func eachActionKeepsToItsConcurrencyCap() async throws {
        try await TestReceiver.with(answer: { _ in .init(delay: .milliseconds(300)) }) { receiver in
            let config = Self.configuration(url: receiver.url).replacingOccurrences(
                of: "    retry:", with: "    concurrency: 1\n    retry:")
            try await TestServer.with(config, environment: ["HOOK_SECRET": Self.secret]) { server in
                for n in 0..<3 {
                    let json = #"{"kind": "phish", "id": "c\#(n)", "title": "t", "email": "a@example.com"}"#
                    let response = try await Self.post(server, json)
                    #expect(response.status == 200)
                }
                #expect(await receiver.log.wait(for: 3).count == 3)
                #expect(await receiver.log.mostInFlight == 1)
            }
        }
    }

    /// The issue's own case: the shipped Google Forms mapper, the shipped phishing sample, a
    /// Slack message for high severity and a signed webhook.
    @Test func aGoogleFormsPhishingReportIsAnnouncedOnSlackAndDeliveredSigned() async throws {
        try await TestReceiver.with { receiver in
            let config = """
                instances:
                  - { name: forms, auth: none, mappers: [google-forms-sheets, google-forms-script] }
                actions:
                  - name: slack-phishing
                    when: { types: [Phishing], min_severity: high }
                    request: { url: "\(receiver.url)", body: slack }
                  - name: soar
                    request: { url: "\(receiver.url)" }
                    sign: { scheme: standard-webhooks, secret: "${HOOK_SECRET}" }
                """
            let shipped = IntakeBinary.packageRoot.appendingPathComponent("mappers")
            try await TestServer.with(
                config, environment: ["HOOK_SECRET": Self.secret],
                prepare: { folder in
                    let mappers = folder.appendingPathComponent("mappers")
                    try FileManager.default.removeItem(at: mappers)
                    try FileManager.default.copyItem(at: shipped, to: mappers)
                }
            ) { server in
                let sample = try String(
                    contentsOf: IntakeBinary.packageRoot.appendingPathComponent("samples/google_forms/sheets_trigger_phishing.json"), encoding: .utf8)
                let response = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: sample)
                #expect(response.status == 200)
                let id = try #require(response.json?.arrayValue?.first?.objectValue?["id"]?.stringValue)
                let requests = await receiver.log.wait(for: 2)
                try #require(requests.count == 2)
                let slack = try #require(requests.first { $0.headers["webhook-signature"] == nil })
                #expect(
                    slack.text
                        == #"{"text":"*Phishing* (severity 3): Suspicious invoice email asking to re-enter SSO password — incident \#(id) from forms"}"#
                )
                let signed = try #require(requests.first { $0.headers["webhook-signature"] != nil })
                #expect(signed.headers["webhook-signature"] == Self.expectedSignature(signed))
                #expect(try JSON.parse(signed.text).objectValue?["fields"]?.objectValue?["reporter"] == "alice.nguyen@example.com")
            }
        }
    }
}

/// A flag tests flip while a receiver reads it from its own tasks.
final class SharedFlag: Sendable {
    private let box: Mutex<Bool>
    init(_ value: Bool) { box = Mutex(value) }
    var value: Bool {
        get { box.withLock { $0 } }
        set { box.withLock { $0 = newValue } }
    }
}
