import Foundation
import Testing

@testable import Host

/// A delivery's signature checked against the Standard Webhooks project's own Python library,
/// an implementation Intake shares nothing with: the library signs the delivery's id,
/// timestamp and body with the action's secret (`scripts/signers/sign.py`, the venv the preset
/// tests use), and must come to the signature Intake sent.
@Suite(.timeLimit(.minutes(2)))
struct ActionSignatureInteropTests {
    @Test func theStandardWebhooksLibrarySignsADeliveryAsIntakeDid() async throws {
        try await TestReceiver.with { receiver in
            let config = ActionDeliveryTests.configuration(url: receiver.url)
            try await TestServer.with(config, environment: ["HOOK_SECRET": ActionDeliveryTests.secret]) { server in
                #expect(try await ActionDeliveryTests.post(server).status == 200)
                let request = try #require(await receiver.log.wait(for: 1).first)
                let id = try #require(request.headers["webhook-id"])
                let timestamp = try #require(request.headers["webhook-timestamp"].flatMap { Int($0) })
                let signed = try await ListenerPresetTests.sign([
                    .init(.standardWebhooks, request.text, secret: ActionDeliveryTests.secret, timestamp: timestamp, id: id)
                ])
                let library = try #require(signed.first?.first { $0.0 == "webhook-signature" }?.1)
                #expect(request.headers["webhook-signature"] == library)
            }
        }
    }
}
