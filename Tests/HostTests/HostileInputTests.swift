import Crypto
import Foundation
import Testing
import Transforms

@testable import Host

/// Issue 10's probes as an attacker would send them, against the running listener with its
/// default limits: each gets a clear status and `{"error": …}`, nothing is half-stored, and a
/// bystander polling `/healthz` is answered within 2 s throughout.
@Suite(.serialized) struct HostileInputTests {
    static let config = """
        instances:
          - { name: open, auth: none, store_samples: true }
          - name: slack
            auth:
              hmac: { header: X-Signature, secret: s3cret, encoding: base64, timestamp_header: X-Timestamp, tolerance_s: 300 }
        """

    static let bystanderBound = Duration.seconds(2)

    func expectServed(_ report: Bystander.Report, _ comment: Comment? = nil) {
        #expect(report.failures.isEmpty, comment)
        #expect(report.answered > 0, comment)
        #expect(report.worst < Self.bystanderBound, "bystander waited \(report.worst)")
    }

    @Test func aFormOf50000FieldsIsAnsweredPromptly() async throws {
        try await TestServer.with(Self.config) { server in
            // 50,000 distinct fields, plus 10,000 values of one repeated field (~600 KB).
            let fields = (0..<50_000).map { "f\($0)=\($0 % 10)" } + Array(repeating: "tag=x", count: 10_000)
            let body = Array(fields.joined(separator: "&").utf8)
            let ((response, took), report) = try await Bystander.during(port: server.port) {
                try await TestHTTP.timedPost(
                    port: server.port, "/instance/execute/open", contentType: "application/x-www-form-urlencoded", body: body)
            }
            #expect(response.status == 200, "\(response)")
            #expect(took < .seconds(3), "the form took \(took)")
            expectServed(report)
            let stored = try await server.store.samples(instance: "open", limit: 1)
            let payload = try JSON.parse(bytes: Array(stored[0].payloadText.utf8))
            #expect(payload.objectValue?.count == 50_001)
            #expect(payload.objectValue?["f49999"] == "9")
            #expect(payload.objectValue?["tag"]?.arrayValue?.count == 10_000)
        }
    }

    @Test func aMultipartBodyOfSmallPartsIsAnsweredPromptly() async throws {
        try await TestServer.with(Self.config) { server in
            // 1 MiB of small parts: 11,000 parts of ~95 bytes, every tenth sharing a name.
            var text = ""
            var index = 0
            while text.utf8.count < 1_048_576 - 200 {
                let name = index % 10 == 0 ? "same" : "p\(index)"
                text += "--b0undary\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\nv\(index)\r\n"
                index += 1
            }
            text += "--b0undary--\r\n"
            let body = Array(text.utf8)
            let ((response, took), report) = try await Bystander.during(port: server.port) {
                try await TestHTTP.timedPost(
                    port: server.port, "/instance/execute/open", contentType: "multipart/form-data; boundary=b0undary", body: body)
            }
            #expect(response.status == 200, "\(response)")
            #expect(took < .seconds(3), "the multipart body took \(took)")
            expectServed(report)
            let stored = try await server.store.samples(instance: "open", limit: 1)
            let payload = try JSON.parse(bytes: Array(stored[0].payloadText.utf8))
            #expect(payload.objectValue?["same"]?.arrayValue?.count == (index + 9) / 10)
        }
    }

    @Test func aMultipartBoundaryLongerThanRFC2046AllowsIsRefused() async throws {
        try await TestServer.with(Self.config) { server in
            let boundary = String(repeating: "a", count: 71)
            let body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--\(boundary)--\r\n".utf8)
            let (response, _) = try await TestHTTP.timedPost(
                port: server.port, "/instance/execute/open", contentType: "multipart/form-data; boundary=\(boundary)", body: body)
            #expect(response.status == 400)
            #expect(response.errorMessage == "The multipart boundary is longer than 70 characters (RFC 2046).")
            #expect(try await server.store.samples(instance: "open", limit: 1).isEmpty)
        }
    }

    @Test func aTimestampThatWouldOverflowIsRefusedAndTheListenerLives() async throws {
        try await TestServer.with(Self.config) { server in
            let (response, report) = try await Bystander.during(port: server.port) {
                try await TestHTTP.post(
                    port: server.port, "/instance/execute/slack", json: "{}",
                    headers: [("X-Timestamp", "-9223372036854775000"), ("X-Signature", "AAAA")])
            }
            #expect(response.status == 401)
            #expect(response.errorMessage == "Authorization failed.")
            expectServed(report)
            #expect(try await server.incidents().isEmpty)
        }
    }
}

/// Payloads that fail to map, sent as a flood: the quarantine is bounded, and past the bound
/// a request is refused with `429`, never acknowledged and then dropped.
@Suite(.serialized) struct QuarantineFloodTests {
    static let config = """
        limits: { max_quarantine_bytes: 4000 }
        instances:
          - { name: redos, auth: none, mappers: [redos] }
        """

    /// A mapper whose required field runs a catastrophic regex over the payload's text.
    static let mapper = """
        mapper: redos
        type: Phishing
        fields:
          name: $.title
          reporter: [ $.text, { regex: '(a+)+$' } ]
        """

    func prepare(_ folder: URL) throws {
        try Self.mapper.write(to: folder.appendingPathComponent("mappers/redos.yaml"), atomically: true, encoding: .utf8)
    }

    @Test func aCatastrophicRegexOnALongFieldIsStoppedAndQuarantined() async throws {
        try await TestServer.with(Self.config.replacingOccurrences(of: "4000", with: "10000000"), prepare: prepare) { server in
            let text = String(repeating: "a", count: 30_000) + "!"
            let ((response, took), report) = try await Bystander.during(port: server.port) {
                try await TestHTTP.timedPost(
                    port: server.port, "/instance/execute/redos", contentType: "application/json",
                    body: Array(#"{"title": "t", "text": "\#(text)"}"#.utf8))
            }
            #expect(response.status == 200)
            #expect(response.json?.arrayValue?.first?.objectValue?["status"] == "quarantined")
            #expect(took < .seconds(5), "the regex ran \(took)")
            #expect(report.failures.isEmpty && report.worst < .seconds(2))
            #expect(try await server.quarantined().count == 1)
        }
    }

    @Test func theWorkStopsWhenTheSenderIsGone() async throws {
        try await TestServer.with(Self.config.replacingOccurrences(of: "4000", with: "10000000"), prepare: prepare) { server in
            // 50 payloads whose regex each runs to its limit: seconds of work in all.
            let element = #"{"title": "t", "text": "\#(String(repeating: "a", count: 20_000))!"}"#
            let body = Array(("[" + Array(repeating: element, count: 50).joined(separator: ",") + "]").utf8)
            let request = TestHTTP.requestBytes(
                "POST", "/instance/execute/redos", headers: [("Content-Type", "application/json")], body: body)
            let sender = try await SlowClient.connect(port: server.port, sending: request)
            try await Task.sleep(for: .milliseconds(300))
            await sender.close()
            let status = #"intake_requests_total{instance="redos",status="499"}"#
            let stopped = try await within(.seconds(5), "the work stopping after the sender left") {
                while true {
                    let metrics = PrometheusText(try await TestHTTP.send(port: server.port, "GET", "/metrics", body: "").text)
                    if metrics.value(status) == 1 { return metrics }
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            #expect((stopped.value(#"intake_mapping_seconds_count{instance="redos"}"#) ?? 0) < 50)
            #expect(try await server.quarantined().isEmpty)
        }
    }

    @Test func pastTheBoundAFloodIsRefusedWith429AndNothingIsStored() async throws {
        try await TestServer.with(Self.config, prepare: prepare) { server in
            let body = #"{"title": "t", "text": "\#(String(repeating: "b", count: 900))"}"#
            var statuses: [Int] = []
            var refused: TestHTTP.Response?
            for _ in 0..<10 {
                let response = try await TestHTTP.post(port: server.port, "/instance/execute/redos", json: body)
                statuses.append(response.status)
                if response.status == 429 { refused = response }
            }
            // 4000 bytes hold four payloads of ~930 bytes; every later request is refused whole.
            #expect(statuses == Array(repeating: 200, count: 4) + Array(repeating: 429, count: 6))
            let answer = try #require(refused)
            #expect(answer.header("Retry-After") == "60")
            #expect(answer.errorMessage?.hasPrefix("The instance's quarantine is full (limits.max_quarantine_bytes: 4000)") == true)
            #expect(try await server.quarantined().count == 4)
            #expect(try await server.incidents().isEmpty)
            let metrics = PrometheusText(try await TestHTTP.send(port: server.port, "GET", "/metrics", body: "").text)
            #expect(metrics.value(#"intake_quarantine_refused_total{instance="redos"}"#) == 6)
            #expect(metrics.value(#"intake_requests_total{instance="redos",status="429"}"#) == 6)
        }
    }

    @Test func aRestartedListenerCountsWhatIsAlreadyQuarantined() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("intake-quarantine-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        func openStore() async throws -> SQLiteIncidentStore {
            let store = try SQLiteIncidentStore(path: file)
            try await store.migrate()
            return store
        }
        let body = #"{"title": "t", "text": "\#(String(repeating: "c", count: 900))"}"#
        let first = try await openStore()
        try await TestServer.with(Self.config, store: first, prepare: prepare) { (server: TestServer) async throws in
            for _ in 0..<3 { #expect(try await TestHTTP.post(port: server.port, "/instance/execute/redos", json: body).status == 200) }
        }
        // A new process knows nothing of the first one's reservations: it reads the store.
        let second = try await openStore()
        try await TestServer.with(Self.config, store: second, prepare: prepare) { (server: TestServer) async throws in
            #expect(try await TestHTTP.post(port: server.port, "/instance/execute/redos", json: body).status == 200)
            #expect(try await TestHTTP.post(port: server.port, "/instance/execute/redos", json: body).status == 429)
        }
    }
}

/// A slow-client flood holding every connection slot (issue 10, operational).
@Suite(.serialized) struct SlowClientFloodTests {
    static let config = """
        limits: { max_connections: 8, idle_timeout_s: 60 }
        instances:
          - { name: open, auth: none }
        """

    @Test func healthChecksGetThroughAndTricklersAreCutUnderPressure() async throws {
        try await TestServer.with(Self.config) { server in
            // Eight sockets, all slots: half send nothing, half trickle a header.
            var flood: [SlowClient] = []
            for index in 0..<8 {
                flood.append(try await SlowClient.connect(
                    port: server.port, sending: index % 2 == 0 ? [] : Array("POST /instance/execute/open HTTP/1.1\r\nHo".utf8)))
            }
            defer { for client in flood { Task { await client.close() } } }
            try await Task.sleep(for: .milliseconds(200))
            // The health reserve answers at once, while every slot is held.
            let health = try await within(.seconds(2), "/healthz during the flood") {
                try await TestHTTP.send(port: server.port, "GET", "/healthz", body: "")
            }
            #expect(health.status == 200)
            // A sender in a reserve slot is told to retry, in the one JSON shape.
            let early = try await TestHTTP.post(port: server.port, "/instance/execute/open", json: "{}")
            #expect(early.status == 503 || early.status == 200)
            if early.status == 503 {
                #expect(early.header("Retry-After") == "1")
                #expect(early.errorMessage == "The listener is at limits.max_connections; retry shortly.")
            }
            // Within seconds (not the 60 s idle timeout) the flood is cut and senders are served.
            let served = try await within(.seconds(8), "a sender served after the flood is cut") {
                while true {
                    let response = try await TestHTTP.post(port: server.port, "/instance/execute/open", json: "{}")
                    if response.status == 200 { return response }
                    try await Task.sleep(for: .milliseconds(250))
                }
            }
            #expect(served.status == 200)
            // Cut while the port is at its pressure mark (three quarters of 8), so some were.
            #expect(flood.contains { $0.isClosed })
        }
    }

    @Test func belowThePressureMarkAnIdleConnectionIsLeftAlone() async throws {
        try await TestServer.with(Self.config) { server in
            let idle = try await SlowClient.connect(port: server.port, sending: [])
            try await Task.sleep(for: .seconds(3))
            #expect(!idle.isClosed)
            await idle.close()
        }
    }
}
