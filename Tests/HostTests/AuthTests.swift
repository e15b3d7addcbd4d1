import Crypto
import Foundation
import Testing
import Transforms

@testable import Host

/// SPEC §5: Basic, `_header:`, HMAC (hex, base64, timestamps, rotation), constant-time compare.
@Suite struct AuthTests {
    static let now = Instant(millisecondsSinceEpoch: 1_764_338_592_000)

    func headers(_ fields: [(String, String)]) -> ReceivedHeaders {
        ReceivedHeaders(fields.map { (name: $0.0, value: $0.1) })
    }

    func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    @Test func basicAcceptsExactCredentialsOnly() {
        let auth = Authenticator(.basic(username: "bot", password: "pa:ss wörd"))
        #expect(auth.check(headers: headers([("Authorization", basic("bot", "pa:ss wörd"))])) == .accepted)
        #expect(auth.check(headers: headers([("authorization", basic("bot", "pa:ss wörd"))])) == .accepted)
        for wrong in [basic("bot", "pa:ss word"), basic("Bot", "pa:ss wörd"), basic("bot", ""), "Bearer x", "Basic !!!", "Basic"] {
            guard case .refused = auth.check(headers: headers([("Authorization", wrong)])) else {
                Issue.record("accepted \(wrong)")
                continue
            }
        }
        #expect(auth.check(headers: headers([])) == .refused(AuthRefusal("no Authorization header")))
        #expect(auth.challenge == #"Basic realm="intake", charset="UTF-8""#)
    }

    @Test func headerAuthComparesTheWholeValue() {
        let auth = Authenticator(.header(name: "Authorization", value: "Bearer t0ken"))
        #expect(auth.check(headers: headers([("authorization", "Bearer t0ken")])) == .accepted)
        #expect(auth.check(headers: headers([("Authorization", "Bearer t0ke")])) == .refused(AuthRefusal("wrong Authorization value")))
        #expect(auth.check(headers: headers([("Authorization", "Bearer t0ken ")])) != .accepted)
        #expect(auth.check(headers: headers([("X-Other", "Bearer t0ken")])) == .refused(AuthRefusal("no Authorization header")))
        #expect(auth.challenge == nil)
    }

    @Test func noneAcceptsAndHMACWaitsForTheBody() {
        #expect(Authenticator(.none).check(headers: headers([])) == .accepted)
        let hmac = Authenticator(.hmac(HMACAuthConfiguration(header: "X-Sig", secrets: ["s"])))
        #expect(hmac.check(headers: headers([])) == .needsBody)
    }

    @Test func constantTimeEquality() {
        #expect(ConstantTime.equals("abc", "abc"))
        #expect(!ConstantTime.equals("abc", "abd"))
        #expect(!ConstantTime.equals("abc", "abcd"))
        #expect(!ConstantTime.equals("", "a"))
        #expect(ConstantTime.equals("", ""))
        #expect(!ConstantTime.equals(Array(repeating: UInt8(0), count: 256), []))
        #expect(!ConstantTime.equals("é", "e\u{301}"))
    }

    static func sign(_ message: String, secret: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: Array(secret.utf8))))
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test func githubStyleHexWithPrefixAndTwoSecrets() {
        var configuration = HMACAuthConfiguration(header: "X-Hub-Signature-256", secrets: ["old", "new"])
        configuration.prefix = "sha256="
        let auth = Authenticator(.hmac(configuration))
        let body = #"{"action":"opened"}"#
        for secret in ["old", "new"] {
            let signature = "sha256=" + Self.hex(Self.sign(body, secret: secret))
            #expect(auth.verify(body: Array(body.utf8), headers: headers([("X-Hub-Signature-256", signature)]), now: Self.now) == nil)
            #expect(
                auth.verify(
                    body: Array(body.utf8),
                    headers: headers([("X-Hub-Signature-256", signature.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256="))]),
                    now: Self.now) == nil)
        }
        let wrongSecret = "sha256=" + Self.hex(Self.sign(body, secret: "other"))
        #expect(
            auth.verify(body: Array(body.utf8), headers: headers([("X-Hub-Signature-256", wrongSecret)]), now: Self.now)
                == AuthRefusal("signature does not match"))
        let good = "sha256=" + Self.hex(Self.sign(body, secret: "new"))
        #expect(auth.verify(body: Array((body + " ").utf8), headers: headers([("X-Hub-Signature-256", good)]), now: Self.now) != nil)
        #expect(auth.verify(body: Array(body.utf8), headers: headers([("X-Hub-Signature-256", String(good.dropFirst(7)))]), now: Self.now) != nil)
        #expect(auth.verify(body: Array(body.utf8), headers: headers([("X-Hub-Signature-256", "sha256=zz")]), now: Self.now) != nil)
        #expect(auth.verify(body: Array(body.utf8), headers: headers([]), now: Self.now) == AuthRefusal("no X-Hub-Signature-256 header"))
    }

    @Test func base64WithATimestampAndTolerance() {
        var configuration = HMACAuthConfiguration(header: "X-Signature", secrets: ["k"], timestampHeader: "X-Timestamp")
        configuration.encoding = .base64
        configuration.toleranceSeconds = 300
        let auth = Authenticator(.hmac(configuration))
        let body = "payload=1"
        func verify(timestamp: Int64, signedWith: Int64? = nil) -> AuthRefusal? {
            let signature = Data(Self.sign("\(signedWith ?? timestamp).\(body)", secret: "k")).base64EncodedString()
            return auth.verify(
                body: Array(body.utf8), headers: headers([("X-Signature", signature), ("X-Timestamp", "\(timestamp)")]), now: Self.now)
        }
        let seconds = Self.now.millisecondsSinceEpoch / 1000
        #expect(verify(timestamp: seconds) == nil)
        #expect(verify(timestamp: seconds - 300) == nil)
        #expect(verify(timestamp: seconds + 300) == nil)
        #expect(verify(timestamp: seconds - 301)?.reason.contains("tolerance 300 s") == true)
        #expect(verify(timestamp: seconds + 301) != nil)
        #expect(verify(timestamp: seconds, signedWith: seconds - 1) == AuthRefusal("signature does not match"))
        // Sender-chosen extremes are refused, never an overflow trap (issue 10, item 1).
        for extreme in [Int64.min, -9_223_372_036_854_775_000, Int64.max, Int64.max - 1] {
            #expect(verify(timestamp: extreme)?.reason.contains("tolerance 300 s") == true, "\(extreme)")
        }
        let unsigned = auth.verify(body: Array(body.utf8), headers: headers([("X-Signature", "AAAA")]), now: Self.now)
        #expect(unsigned == AuthRefusal("no X-Timestamp header"))
    }

    @Test func slackStyleTemplateAndOtherAlgorithms() {
        var configuration = HMACAuthConfiguration(
            header: "X-Slack-Signature", secrets: ["slack"], timestampHeader: "X-Slack-Request-Timestamp", signed: "v0:{timestamp}:{body}")
        configuration.prefix = "v0="
        let seconds = Self.now.millisecondsSinceEpoch / 1000
        let body = "token=x&text=hi"
        let signature = "v0=" + Self.hex(Self.sign("v0:\(seconds):\(body)", secret: "slack"))
        let auth = Authenticator(.hmac(configuration))
        #expect(
            auth.verify(
                body: Array(body.utf8), headers: headers([("X-Slack-Signature", signature), ("X-Slack-Request-Timestamp", "\(seconds)")]),
                now: Self.now) == nil)

        var sha1 = HMACAuthConfiguration(header: "X-Sig", secrets: ["s"])
        sha1.algorithm = .sha1
        let sha1Signature = Self.hex(Array(HMAC<Insecure.SHA1>.authenticationCode(for: Array("b".utf8), using: SymmetricKey(data: Array("s".utf8)))))
        #expect(Authenticator(.hmac(sha1)).verify(body: Array("b".utf8), headers: headers([("X-Sig", sha1Signature)]), now: Self.now) == nil)
        var sha512 = HMACAuthConfiguration(header: "X-Sig", secrets: ["s"])
        sha512.algorithm = .sha512
        #expect(Authenticator(.hmac(sha512)).verify(body: Array("b".utf8), headers: headers([("X-Sig", sha1Signature)]), now: Self.now) != nil)
    }

    @Test func secretHeadersAreNamedForRedaction() {
        #expect(AuthConfiguration.basic(username: "u", password: "p").secretHeaderNames == ["authorization"])
        #expect(AuthConfiguration.header(name: "X-Api-Key", value: "v").secretHeaderNames == ["x-api-key"])
        #expect(AuthConfiguration.none.secretHeaderNames.isEmpty)
    }
}
