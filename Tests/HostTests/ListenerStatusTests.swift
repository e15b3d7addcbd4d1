import Foundation
import Testing
import Transforms

@testable import Host

/// Every refusal of SPEC §4 over a real socket: status, `{"error": …}` body, nothing stored.
@Suite(.serialized) struct ListenerStatusTests {
    static let config = """
        limits: { max_body_bytes: 1024, max_json_depth: 4, max_payloads_per_request: 3 }
        instances:
          - { name: forms, auth: none }
        """

    func error(_ response: TestHTTP.Response) -> String? { response.json?.objectValue?["error"]?.stringValue }

    @Test func badJSONNamesTheByteOffset() async throws {
        try await TestServer.with(Self.config) { server in
            let response = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: #"{"a": 1,, "b": 2}"#)
            #expect(response.status == 400)
            #expect(error(response)?.hasPrefix("Invalid JSON at byte 8") == true)
            let noContentType = try await TestHTTP.send(port: server.port, "POST", "/instance/execute/forms", body: "{oops")
            #expect(noContentType.status == 400)
            #expect(error(noContentType)?.hasPrefix("Invalid JSON at byte 1") == true)
            #expect(try await server.incidents().isEmpty)
        }
    }

    @Test func tooDeepAndTooManyPayloadsAre400() async throws {
        try await TestServer.with(Self.config) { server in
            let deep = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: #"{"a": [[[[1]]]]}"#)
            #expect(deep.status == 400)
            #expect(error(deep)?.hasPrefix("Invalid JSON at byte 9: lists and objects nested deeper than the limit of 4 levels") == true)
            let many = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: "[{}, {}, {}, {}]")
            #expect(many.status == 400)
            #expect(error(many) == "The body holds 4 payloads; the limit is 3 (limits.max_payloads_per_request).")
            let three = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: "[{}, {}, {}]")
            #expect(three.status == 200)
            #expect(try await server.incidents().count == 3)
        }
    }

    @Test func unknownInstancesAndRoutesAre404() async throws {
        try await TestServer.with(Self.config) { server in
            let unknown = try await TestHTTP.post(port: server.port, "/instance/execute/nope", json: "{}")
            #expect(unknown.status == 404)
            #expect(error(unknown) == "No instance named 'nope'.")
            let route = try await TestHTTP.post(port: server.port, "/somewhere/else", json: "{}")
            #expect(route.status == 404)
            #expect(error(route) != nil)
        }
    }

    @Test func otherMethodsAre405() async throws {
        try await TestServer.with(Self.config) { server in
            for method in ["GET", "PUT", "DELETE", "PATCH"] {
                let response = try await TestHTTP.send(port: server.port, method, "/instance/execute/forms", body: "")
                #expect(response.status == 405, "\(method)")
                #expect(response.header("Allow") == "POST")
                #expect(error(response) == "Only POST is accepted here.")
            }
            let xsoar = try await TestHTTP.send(port: server.port, "GET", "/xsoar/instance/execute/forms", body: "")
            #expect(xsoar.status == 405)
        }
    }

    @Test func bodiesOverTheLimitAre413() async throws {
        try await TestServer.with(Self.config) { server in
            let big = "[" + Array(repeating: "{}", count: 600).joined(separator: ",") + "]"
            let declared = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: big)
            #expect(declared.status == 413)
            #expect(error(declared) == "The body is larger than the limit of 1024 bytes (limits.max_body_bytes).")
            // Chunked: no Content-Length, so the limit is enforced while the body streams.
            var chunked = Array(
                "POST /instance/execute/forms HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                    .utf8)
            for _ in 0..<4 { chunked += Array("200\r\n".utf8) + Array(repeating: UInt8(ascii: " "), count: 512) + Array("\r\n".utf8) }
            chunked += Array("0\r\n\r\n".utf8)
            let streamed = try await TestHTTP.exchange(port: server.port, parts: [chunked])
            #expect(streamed.status == 413)
            let exact = " " + String(repeating: " ", count: 1021) + "{}"
            #expect(try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: exact).status == 200)
        }
    }

    @Test func unsupportedContentTypesAre415() async throws {
        try await TestServer.with(Self.config) { server in
            for type in ["text/plain", "application/xml", "image/png"] {
                let response = try await TestHTTP.send(
                    port: server.port, "POST", "/instance/execute/forms", headers: [("Content-Type", type)], body: "{}")
                #expect(response.status == 415, "\(type)")
                #expect(error(response)?.hasPrefix("Unsupported Content-Type") == true)
            }
            let vendor = try await TestHTTP.send(
                port: server.port, "POST", "/instance/execute/forms", headers: [("Content-Type", "application/vnd.api+json")], body: "{}")
            #expect(vendor.status == 200)
        }
    }

    @Test func oversizedHeadersAreRefused() async throws {
        try await TestServer.with(
            Self.config.replacingOccurrences(of: "max_payloads_per_request: 3", with: "max_payloads_per_request: 3, max_header_bytes: 4096")
        ) { server in
            let big = String(repeating: "x", count: 8192)
            let response = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: "{}", headers: [("X-Big", big)])
            #expect(response.status == 431)
            #expect(error(response) == "The request head is larger than limits.max_header_bytes or has more than 1000 fields.")
            let fits = try await TestHTTP.post(
                port: server.port, "/instance/execute/forms", json: "{}", headers: [("X-Small", String(big.prefix(1000)))])
            #expect(fits.status == 200)
            #expect(try await server.incidents().count == 1)
        }
    }

    @Test func aBodySlowerThanTheReadTimeoutIs408() async throws {
        try await TestServer.with(
            Self.config.replacingOccurrences(of: "max_payloads_per_request: 3", with: "max_payloads_per_request: 3, read_timeout_s: 1")
        ) { server in
            let body = Array(#"{"name": "slow"}"#.utf8)
            let head = TestHTTP.requestBytes(
                "POST", "/instance/execute/forms", headers: [("Content-Type", "application/json")], contentLength: body.count)
            // The second half comes after the whole body should have arrived.
            let response = try await TestHTTP.exchange(port: server.port, parts: [head + body.prefix(4), Array(body.dropFirst(4))]) {
                try await Task.sleep(for: .milliseconds(1500))
            }
            #expect(response.status == 408)
            #expect(error(response) == "The body did not arrive within 1 s (limits.read_timeout_s).")
            #expect(try await server.incidents().isEmpty)
        }
    }

    @Test func aStoreThatCannotCommitGives503AndNoAcknowledgement() async throws {
        try await TestServer.with(Self.config, store: FailingStore()) { server in
            let response = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: #"{"name": "x"}"#)
            #expect(response.status == 503)
            #expect(error(response) == "The store cannot commit right now; nothing was stored. Retry later.")
            #expect(!response.text.contains("disk"))
            #expect(server.logs.all.contains { $0.contains("commit failed") })
        }
    }
}

/// A store whose database is gone: every commit fails, readiness says no.
struct FailingStore: IncidentStore {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "the disk is full" }
    }

    func migrate() async throws {}
    func commit(_ batch: IngestBatch) async throws -> IngestReceipt { throw Failure() }
    func incident(id: String) async throws -> StoredIncident? { nil }
    func incidents(_ query: IncidentQuery) async throws -> Page<StoredIncident> { Page(items: [], nextCursor: nil) }
    func samples(instance: String, limit: Int) async throws -> [StoredSample] { [] }
    func quarantined(_ query: QuarantineQuery) async throws -> Page<QuarantinedPayload> { Page(items: [], nextCursor: nil) }
    func quarantinedBytes(instance: String) async throws -> Int { throw Failure() }
    func resolveQuarantined(ids: [String]) async throws {}
    func claimDeliveries(action: String, limit: Int, now: Instant, leaseUntil: Instant) async throws -> [Delivery] { throw Failure() }
    func finishAttempt(delivery id: String, outcome: DeliveryAttemptOutcome, at time: Instant) async throws { throw Failure() }
    func deliveries(_ query: DeliveryQuery) async throws -> Page<Delivery> { throw Failure() }
    func delivery(id: String) async throws -> Delivery? { throw Failure() }
    func retryDelivery(id: String, at time: Instant) async throws -> Delivery? { throw Failure() }
    func isReachable() async -> Bool { false }
    func statistics() async -> StoreStatistics { StoreStatistics() }
    func close() async throws {}
}
