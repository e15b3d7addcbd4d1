import Foundation
import Testing
import Transforms

@testable import Host

/// The parts of an action that need no network: the signature, backoff, templates and the
/// documented configurations.
struct ActionConfigurationTests {
    /// The Standard Webhooks specification's own example: its secret, id, timestamp and body
    /// give this signature in every implementation.
    @Test func theSignatureMatchesTheStandardWebhooksExample() throws {
        let signer = try #require(StandardWebhookSigner(secret: ConfiguredText("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")))
        let signature = signer.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Array(#"{"test": 2432232314}"#.utf8))
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        #expect(StandardWebhookSigner(secret: ConfiguredText("whsec_c2hvcnQ=")) == nil, "5 bytes is too short a key")
        #expect(StandardWebhookSigner(secret: ConfiguredText("not base64!")) == nil)
    }

    @Test func backoffDoublesUpToItsCeilingAndRetryAfterReplacesIt() {
        let policy = RetryPolicy(attempts: 8, initialSeconds: 1, maximumSeconds: 10)
        #expect(policy.delayMilliseconds(afterAttempt: 1, retryAfter: nil, unit: 1) == 1_000)
        #expect(policy.delayMilliseconds(afterAttempt: 1, retryAfter: nil, unit: 0) == 500, "jitter: never below half")
        #expect(policy.delayMilliseconds(afterAttempt: 3, retryAfter: nil, unit: 1) == 4_000)
        #expect(policy.delayMilliseconds(afterAttempt: 5, retryAfter: nil, unit: 1) == 10_000, "at most max_s")
        #expect(policy.delayMilliseconds(afterAttempt: 1_000, retryAfter: nil, unit: 0.5) == 7_500, "no overflow")
        #expect(policy.delayMilliseconds(afterAttempt: 1, retryAfter: 42, unit: 0) == 42_000)
        #expect(policy.delayMilliseconds(afterAttempt: 1, retryAfter: 1e12, unit: 0) == 86_400_000, "capped at a day")
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(RetryAfter.seconds(" 120 ", now: now) == 120)
        #expect(RetryAfter.seconds("Mon, 12 Jan 1970 13:46:50 GMT", now: now) == 10)
        #expect(RetryAfter.seconds("soon", now: now) == nil)
        #expect(RetryAfter.seconds("-5", now: now) == nil)
    }

    @Test func aLoneTemplateKeepsItsTypeAndTextFillsIn() throws {
        let incident: JSON = [
            "id": "7", "type": "Phishing", "name": "Invoice", "severity": 3,
            "fields": ["reporter": "a@example.com", "urls": ["http://x.example", "http://y.example"]],
        ]
        func render(_ text: String) throws -> JSON { try TextTemplate(text).render(incident) }
        #expect(try render("{{ severity }}") == 3)
        #expect(try render("{{ fields.urls }}") == ["http://x.example", "http://y.example"])
        #expect(try render("{{ $.fields.urls[1] }}") == "http://y.example")
        #expect(try render("{{ type }} #{{ id }} by {{ fields.reporter }}{{ details }}") == "Phishing #7 by a@example.com")
        #expect(try render("{{ fields.absent }}") == .null)
        #expect(throws: StepError.self) { try TextTemplate("{{ reporter }}") }
        #expect(throws: StepError.self) { try TextTemplate("{{ name ") }
    }

    /// Every full configuration docs/actions.md shows loads, with its variables set.
    @Test func theDocumentedConfigurationsLoad() throws {
        let text = try String(contentsOf: IntakeBinary.packageRoot.appendingPathComponent("docs/actions.md"), encoding: .utf8)
        let blocks = text.components(separatedBy: "```yaml\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
            .filter { $0.hasPrefix("actions:") }
        #expect(blocks.count >= 4)
        let environment = [
            "SLACK_WEBHOOK_URL": "https://hooks.slack.com/services/T/B/x", "ACTION_SECRET": "whsec_" + Data(count: 24).base64EncodedString(),
            "TICKET_TOKEN": "t",
        ]
        for block in blocks {
            let configuration = try IntakeConfiguration.parse(
                "instances: [{ name: forms, auth: none }]\n" + block, file: "actions.md", baseDirectory: "/", environment: environment)
            #expect(!configuration.actions.isEmpty)
        }
    }
}
