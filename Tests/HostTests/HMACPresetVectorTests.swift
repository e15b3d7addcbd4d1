import Foundation
import Testing
import Transforms

@testable import Host

/// The presets against the example each sender publishes in its documentation, byte for byte:
/// a second, independent source beside the senders' libraries (ListenerPresetTests), and the
/// only one for GitHub, which publishes no library.
@Suite struct HMACPresetVectorTests {
    func verify(_ preset: HMACPreset, secret: String, body: String, at second: Int64, _ fields: [(String, String)]) -> AuthRefusal? {
        Authenticator(.hmac(preset.configuration(secrets: [secret])))
            .verify(
                body: Array(body.utf8), headers: ReceivedHeaders(fields.map { (name: $0.0, value: $0.1) }),
                now: Instant(millisecondsSinceEpoch: second * 1000))
    }

    /// docs.github.com, "Validating webhook deliveries", "Testing the webhook payload validation".
    @Test func githubDocumentedExample() {
        let header = ("X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
        #expect(verify(.github, secret: "It's a Secret to Everybody", body: "Hello, World!", at: 0, [header]) == nil)
        #expect(
            verify(.github, secret: "It's a Secret to Everybody", body: "Hello, World?", at: 0, [header]) == AuthRefusal("signature does not match"))
    }

    /// api.slack.com, "Verifying requests from Slack", the worked example.
    @Test func slackDocumentedExample() {
        let body =
            "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
            + "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com"
            + "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
        let headers = [
            ("X-Slack-Request-Timestamp", "1531420618"),
            ("X-Slack-Signature", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"),
        ]
        #expect(verify(.slack, secret: "8f742231b10e8888abcd99yyyzzz85a5", body: body, at: 1_531_420_618, headers) == nil)
        #expect(
            verify(.slack, secret: "8f742231b10e8888abcd99yyyzzz85a5", body: body, at: 1_531_420_618 + 301, headers)
                == AuthRefusal("X-Slack-Request-Timestamp is 301 s from now (tolerance 300 s)"))
    }

    /// The Standard Webhooks specification's example (github.com/standard-webhooks), which its
    /// libraries test against; the same key written without `whsec_` verifies too.
    @Test func standardWebhooksDocumentedExample() {
        let headers = [
            ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
            ("webhook-timestamp", "1614265330"),
            ("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
        ]
        for secret in ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"] {
            #expect(verify(.standardWebhooks, secret: secret, body: #"{"test": 2432232314}"#, at: 1_614_265_330, headers) == nil, "\(secret)")
        }
        var otherID = headers
        otherID[0].1 = "msg_p5jXN8AQM9LWM0D4loKWxJel"
        #expect(
            verify(.standardWebhooks, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", body: #"{"test": 2432232314}"#, at: 1_614_265_330, otherID)
                != nil)
    }

    /// `whsec_` secrets are base64 padded or not; anything else is no key.
    @Test func standardWebhooksSecretsDecodePaddedOrNot() {
        let format = HMACPreset.standardWebhooks.configuration(secrets: []).secretFormat
        #expect(format.key("whsec_c2VjcmV0") == Array("secret".utf8))
        #expect(format.key("whsec_c2VjcmV0ZQ") == Array("secrete".utf8))
        #expect(format.key("whsec_c2VjcmV0ZQ==") == Array("secrete".utf8))
        #expect(format.key("whsec_c2VjcmV0Z") == nil)
        #expect(format.key("whsec_not base64!") == nil)
        #expect(format.key("whsec_") == nil)
    }

    /// Header layouts: every signature of the header, entries of other versions skipped.
    @Test func severalSignaturesAreReadFromOneHeader() {
        let stripe = SignatureHeader.read(
            "t=1700000000, v1=0a0b,v0=ffff,v1=zz,v1=0C0D,t=1", layout: .fields(timestampKey: "t", signatureKey: "v1"), prefix: "", encoding: .hex)
        #expect(stripe == SignatureHeader.Reading(signatures: [[0x0A, 0x0B], [0x0C, 0x0D]], timestamp: "1700000000"))
        let standard = SignatureHeader.read("v1a,AAEC v1,AQI= v1,AwQ  v2,BQY=", layout: .spaceSeparated, prefix: "v1,", encoding: .base64)
        #expect(standard == SignatureHeader.Reading(signatures: [[1, 2], [3, 4]], timestamp: nil))
        #expect(SignatureHeader.read("t=1", layout: .fields(timestampKey: "t", signatureKey: "v1"), prefix: "", encoding: .hex).signatures.isEmpty)
    }
}
