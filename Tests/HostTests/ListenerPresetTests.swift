import Foundation
import Testing
import Transforms

@testable import Host

/// SPEC §5 "Presets" against the running server, with requests signed by the senders' own
/// libraries from PyPI (`scripts/signers/sign.py`: slack_sdk, standardwebhooks, and stripe,
/// whose `Webhook.construct_event` also accepts each Stripe header first; GitHub, Typeform and
/// Shopify publish no Python library, so the script writes their documented recipe). For every
/// preset configured by its one line, a valid request is 200 and a tampered body, a wrong
/// secret, a stale timestamp and each missing header are 401, each for the reason expected.
@Suite(.serialized) struct ListenerPresetTests {
    /// One secret per preset, as the sender shows it. Standard Webhooks' is unpadded base64
    /// after `whsec_` (32 bytes encode to 43 characters), as many senders display it.
    static let secrets: [HMACPreset: String] = [
        .github: "gh-webhook-secret",
        .slack: "8f742231b10e8888abcd99yyyzzz85a5",
        .stripe: "whsec_test_stripe_endpoint_secret",
        .standardWebhooks: "whsec_" + Data("standard-webhooks-secret-32-byte".utf8).base64EncodedString().replacingOccurrences(of: "=", with: ""),
        .typeform: "typeform-secret",
        .shopify: "shopify-app-secret",
    ]

    /// One instance per preset, named after it, configured by the preset line and its secret
    /// only; and `stripe-strict`, whose `tolerance_s` overrides the preset's.
    static var config: String {
        "instances:\n"
            + HMACPreset.allCases.map { preset in
                "  - name: \(preset.rawValue)\n    auth: { hmac: { preset: \(preset.rawValue), secret: \"\(secrets[preset] ?? "")\" } }\n"
            }.joined()
            + "  - name: stripe-strict\n    auth: { hmac: { preset: stripe, secret: \"\(secrets[.stripe] ?? "")\", tolerance_s: 30 } }\n"
    }

    /// A request for `scripts/signers/sign.py` to sign.
    struct Job: Encodable {
        var preset: String
        var secret: String
        var timestamp: Int
        var id: String
        var body: String

        init(_ preset: HMACPreset, _ body: String, secret: String? = nil, timestamp: Int, id: String = "") {
            self.preset = preset.rawValue
            self.secret = secret ?? ListenerPresetTests.secrets[preset] ?? ""
            self.timestamp = timestamp
            self.id = id
            self.body = body
        }
    }

    /// The headers each job's sender sends, in order. Makes the venv of the senders' libraries
    /// first (`scripts/signers/setup.sh`, idempotent); fails, naming PyPI, without them.
    static func sign(_ jobs: [Job]) async throws -> [[(String, String)]] {
        let root = IntakeBinary.packageRoot
        let setup = try await TestProcess.run("/bin/bash", [root.appendingPathComponent("scripts/signers/setup.sh").path])
        guard setup.status == 0 else { throw TestServerFailure(description: "scripts/signers/setup.sh: \(setup.error)") }
        let python = setup.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let request = String(decoding: try JSONEncoder().encode(jobs), as: UTF8.self)
        let signed = try await TestProcess.run(python, [root.appendingPathComponent("scripts/signers/sign.py").path, request])
        guard signed.status == 0, let answers = try? JSONSerialization.jsonObject(with: Data(signed.output.utf8)) as? [[String: String]],
            answers.count == jobs.count
        else { throw TestServerFailure(description: "sign.py failed: \(signed.error)\(signed.output)") }
        return answers.map { $0.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 } }
    }

    static func status(_ response: TestHTTP.Response) -> String? {
        response.json?.arrayValue?.first?.objectValue?["status"]?.stringValue
    }

    /// The reasons the instance's refusals were recorded with (SPEC §10), newest first.
    static func refusalReasons(_ server: TestServer, _ instance: String) async throws -> [String] {
        let listed = try await TestHTTP.send(port: server.port, "GET", "/api/instances/\(instance)/refusals", body: "")
        return listed.json?.objectValue?["refusals"]?.arrayValue?.compactMap { $0.objectValue?["reason"]?.stringValue } ?? []
    }

    @Test func eachPresetAcceptsItsSenderAndRefusesTampering() async throws {
        try await TestServer.with(Self.config) { server in
            let now = Int(Date().timeIntervalSince1970)
            for preset in HMACPreset.allCases {
                let scheme = preset.configuration(secrets: [])
                let path = "/instance/execute/\(preset.rawValue)"
                let body = #"{"id": "evt_\#(preset.rawValue)", "object": "event", "amount": 1250}"#
                let wrongSecret =
                    preset == .standardWebhooks ? "whsec_" + Data("another-secret-of-32-bytes-here!".utf8).base64EncodedString() : "not-the-secret"
                let signed = try await Self.sign([
                    Job(preset, body, timestamp: now, id: "msg_1"),
                    Job(preset, body, secret: wrongSecret, timestamp: now, id: "msg_2"),
                    Job(preset, body, timestamp: now - 3_600, id: "msg_3"),
                ])
                let (valid, forged, stale) = (signed[0], signed[1], signed[2])

                let accepted = try await TestHTTP.post(port: server.port, path, json: body, headers: valid)
                #expect(accepted.status == 200, "\(preset.rawValue): \(accepted)")
                #expect(Self.status(accepted) == "created", "\(preset.rawValue)")

                var expected: [String] = []
                let tampered = body.replacingOccurrences(of: "1250", with: "9250")
                #expect(try await TestHTTP.post(port: server.port, path, json: tampered, headers: valid).status == 401, "\(preset.rawValue) tampered")
                expected.append("signature does not match")
                #expect(
                    try await TestHTTP.post(port: server.port, path, json: body, headers: forged).status == 401, "\(preset.rawValue) wrong secret")
                expected.append("signature does not match")
                if scheme.hasTimestamp {
                    #expect(try await TestHTTP.post(port: server.port, path, json: body, headers: stale).status == 401, "\(preset.rawValue) stale")
                    expected.append("s from now (tolerance 300 s)")
                } else {
                    // GitHub, Typeform and Shopify sign no time: there is no stale request.
                    #expect(stale.map(\.0) == [scheme.header], "\(preset.rawValue) sends only its signature header")
                }
                // Each header the sender sends is needed: the signature, the time, the id.
                for (name, _) in valid {
                    let missing = valid.filter { $0.0 != name }
                    #expect(
                        try await TestHTTP.post(port: server.port, path, json: body, headers: missing).status == 401,
                        "\(preset.rawValue) without \(name)")
                    expected.append("no \(name)")
                }
                let reasons = try await Self.refusalReasons(server, preset.rawValue)
                #expect(reasons.count == expected.count, "\(preset.rawValue): \(reasons)")
                for (reason, phrase) in zip(reasons.reversed(), expected) {
                    #expect(reason.contains(phrase), "\(preset.rawValue): '\(reason)' should say '\(phrase)'")
                }
            }
            // Only the six valid requests were stored, without their signature headers.
            let incidents = try await server.incidents()
            #expect(incidents.count == HMACPreset.allCases.count)
        }
    }

    /// `tolerance_s` beside a preset overrides the sender's five minutes.
    @Test func keysBesideAPresetOverrideIt() async throws {
        try await TestServer.with(Self.config) { server in
            let body = #"{"type": "charge.succeeded"}"#
            let signed = try await Self.sign([Job(.stripe, body, timestamp: Int(Date().timeIntervalSince1970) - 120)])
            #expect(try await TestHTTP.post(port: server.port, "/instance/execute/stripe", json: body, headers: signed[0]).status == 200)
            #expect(try await TestHTTP.post(port: server.port, "/instance/execute/stripe-strict", json: body, headers: signed[0]).status == 401)
            let reasons = try await Self.refusalReasons(server, "stripe-strict")
            #expect(reasons.count == 1 && reasons.first?.contains("(tolerance 30 s)") == true, "\(reasons)")
        }
    }

    /// A sender rotating its secret signs with both; the header verifies when any one does,
    /// and entries of another version are skipped.
    @Test func severalSignaturesVerifyWhenAnyOneDoes() async throws {
        try await TestServer.with(Self.config) { server in
            let now = Int(Date().timeIntervalSince1970)
            let body = #"{"type": "invoice.paid"}"#
            let oldStandard = "whsec_" + Data("an-old-secret-of-the-sender-32b!".utf8).base64EncodedString()
            let signed = try await Self.sign([
                Job(.stripe, body, secret: "whsec_old", timestamp: now),
                Job(.stripe, body, timestamp: now),
                Job(.standardWebhooks, body, secret: oldStandard, timestamp: now, id: "msg_rotation"),
                Job(.standardWebhooks, body, timestamp: now, id: "msg_rotation"),
            ])
            // Stripe during a rotation: t=…,v1=<old>,v1=<new>, here with a v0 field as well.
            let oldStripe = try #require(signed[0].first?.1.split(separator: ",").last)
            let newStripe = try #require(signed[1].first?.1)
            let stripeHeader =
                "t=\(now),\(oldStripe),v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39," + newStripe.split(separator: ",")[1]
            let stripe = try await TestHTTP.post(
                port: server.port, "/instance/execute/stripe", json: body, headers: [("Stripe-Signature", stripeHeader)])
            #expect(stripe.status == 200, "\(stripe)")
            #expect(try await TestHTTP.post(port: server.port, "/instance/execute/stripe", json: body, headers: signed[0]).status == 401)

            let oldSignature = try #require(signed[2].first { $0.0 == "webhook-signature" }?.1)
            let newSignature = try #require(signed[3].first { $0.0 == "webhook-signature" }?.1)
            let headers =
                signed[3].filter { $0.0 != "webhook-signature" } + [("webhook-signature", "v1a,c29tZXRoaW5n \(oldSignature) \(newSignature)")]
            let standard = try await TestHTTP.post(port: server.port, "/instance/execute/standard-webhooks", json: body, headers: headers)
            #expect(standard.status == 200, "\(standard)")
            #expect(try await TestHTTP.post(port: server.port, "/instance/execute/standard-webhooks", json: body, headers: signed[2]).status == 401)
            #expect(try await server.incidents().count == 2)
        }
    }

    /// Standard Webhooks' message id feeds replay protection (SPEC §12): the same message
    /// again, or redelivered by the sender with a new time and signature, is a duplicate and
    /// stores nothing; another id with the same body is a new message.
    @Test func standardWebhooksMessageIdIsRememberedAgainstReplay() async throws {
        try await TestServer.with(Self.config) { server in
            let now = Int(Date().timeIntervalSince1970)
            let body = #"{"type": "user.created"}"#
            let signed = try await Self.sign([
                Job(.standardWebhooks, body, timestamp: now - 20, id: "msg_replay"),
                Job(.standardWebhooks, body, timestamp: now, id: "msg_replay"),
                Job(.standardWebhooks, body, timestamp: now, id: "msg_other"),
            ])
            let path = "/instance/execute/standard-webhooks"
            let first = try await TestHTTP.post(port: server.port, path, json: body, headers: signed[0])
            #expect(Self.status(first) == "created")
            let replay = try await TestHTTP.post(port: server.port, path, json: body, headers: signed[0])
            #expect(replay.status == 200 && Self.status(replay) == "duplicate")
            let redelivery = try await TestHTTP.post(port: server.port, path, json: body, headers: signed[1])
            #expect(redelivery.status == 200 && Self.status(redelivery) == "duplicate")
            let firstID = first.json?.arrayValue?.first?.objectValue?["id"]
            #expect(replay.json?.arrayValue?.first?.objectValue?["id"] == firstID)
            #expect(redelivery.json?.arrayValue?.first?.objectValue?["id"] == firstID)
            let other = try await TestHTTP.post(port: server.port, path, json: body, headers: signed[2])
            #expect(Self.status(other) == "created")
            #expect(try await server.incidents().count == 2)
        }
    }

    /// Stripe's time is in its signature header; the same header again is a duplicate.
    @Test func stripeReplayIsADuplicate() async throws {
        try await TestServer.with(Self.config) { server in
            let body = #"{"type": "charge.refunded"}"#
            let signed = try await Self.sign([Job(.stripe, body, timestamp: Int(Date().timeIntervalSince1970))])
            let path = "/instance/execute/stripe"
            #expect(Self.status(try await TestHTTP.post(port: server.port, path, json: body, headers: signed[0])) == "created")
            #expect(Self.status(try await TestHTTP.post(port: server.port, path, json: body, headers: signed[0])) == "duplicate")
            #expect(try await server.incidents().count == 1)
        }
    }
}
