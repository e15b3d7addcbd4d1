import Foundation
import Testing
import Transforms

@testable import Host

/// The real listener over loopback sockets: routes, statuses of SPEC §4, stored results.
@Suite(.serialized) struct ListenerRoutesTests {
    static let config = """
        limits: { max_body_bytes: 4096, max_json_depth: 5, max_payloads_per_request: 3 }
        instances:
          - name: forms
            auth: none
            store_samples: true
            samples_kept: 3
            mappers: [test-phish]
          - name: strict
            auth: none
            mappers: [test-phish]
            on_mapping_error: reject
          - name: own
            auth: none
            incident_type: Ops
            port: 0
        """

    @Test func everyIngestionRouteCreatesIncidents() async throws {
        try await TestServer.with(Self.config) { server in
            let first = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: #"{"name": "one"}"#)
            #expect(first.status == 200)
            #expect(first.header("Content-Type") == "application/json")
            let second = try await TestHTTP.post(port: server.port, "/xsoar/instance/execute/forms", json: #"{"name": "two"}"#)
            #expect(second.status == 200)
            let own = try #require(server.instancePorts["own"])
            let third = try await TestHTTP.post(port: own, "/", json: #"{"name": "three"}"#)
            #expect(third.status == 200)
            let notOnOwnPort = try await TestHTTP.post(port: own, "/instance/execute/forms", json: "{}")
            #expect(notOnOwnPort.status == 404)
            #expect(try await TestHTTP.send(port: own, "GET", "/", body: "").status == 405)
            #expect(try await TestHTTP.send(port: own, "GET", "/healthz", body: "").status == 200)

            let elements = [first, second, third].compactMap { $0.json?.arrayValue?.first?.objectValue }
            #expect(elements.map { $0["status"] } == ["created", "created", "created"])
            #expect(elements.map { $0["name"] } == ["one", "two", "three"])
            #expect(elements.map { $0["type"] } == ["Unclassified", "Unclassified", "Ops"])
            let stored = try await server.incidents()
            #expect(stored.map(\.instance) == ["forms", "forms", "own"])
            #expect(stored.map(\.id) == elements.compactMap { $0["id"]?.stringValue })
        }
    }

    @Test func responseElementsFollowThePayloadsInOrder() async throws {
        try await TestServer.with(Self.config) { server in
            let body = #"[{"name": "a", "occurred": "2026-11-28T14:03:12Z"}, {}, "not an object"]"#
            let response = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: body)
            #expect(response.status == 200)
            let elements = try #require(response.json?.arrayValue)
            #expect(elements.count == 3)
            #expect(
                elements[0]
                    == .object([
                        "id": elements[0].objectValue?["id"] ?? .null, "name": "a", "type": "Unclassified",
                        "occurred": "2026-11-28T14:03:12Z", "status": "created",
                    ]))
            #expect(elements[1].objectValue?["name"] == "Generic webhook triggered incident")
            #expect(elements[2].objectValue?["status"] == "quarantined")
            #expect(elements[2].objectValue?["errors"]?.arrayValue?.isEmpty == false)
            #expect(elements[2].objectValue?.keys == ["id", "status", "errors"])
            let empty = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: "[]")
            #expect(empty.status == 200 && empty.text == "[]")
        }
    }

    @Test func mappedIncidentsKeepMapperHashAndProvenance() async throws {
        try await TestServer.with(Self.config) { server in
            let body = #"{"kind": "phish", "id": "r-1", "title": "Suspicious mail", "email": "Alice@Example.COM"}"#
            let response = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: body)
            let element = try #require(response.json?.arrayValue?.first?.objectValue)
            #expect(element["type"] == "Phishing" && element["name"] == "Suspicious mail" && element["status"] == "created")
            let id = try #require(element["id"]?.stringValue)
            let stored = try #require(try await server.store.incident(id: id))
            #expect(stored.mapperName == "test-phish" && stored.mapperVersion == 2)
            #expect(stored.mapperHash?.count == 64)
            #expect(stored.provenanceText != nil)
            #expect(stored.dedupKey == "r-1")
            #expect(stored.rawPayloadText == body)
            #expect(stored.fieldsText?.contains("alice@example.com") == true)
        }
    }

    @Test func duplicatesReturnTheFirstIncident() async throws {
        try await TestServer.with(Self.config) { server in
            let first = #"{"kind": "phish", "id": "same", "title": "First", "email": "a@example.com"}"#
            let second = #"{"kind": "phish", "id": "same", "title": "Second", "email": "b@example.com"}"#
            let one = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: first)
            let two = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: second)
            let created = try #require(one.json?.arrayValue?.first?.objectValue)
            let duplicate = try #require(two.json?.arrayValue?.first?.objectValue)
            #expect(created["status"] == "created" && duplicate["status"] == "duplicate")
            #expect(duplicate["id"] == created["id"])
            #expect(duplicate["name"] == "First")
            #expect(duplicate["occurred"] == created["occurred"] && duplicate["type"] == "Phishing")
            #expect(try await server.incidents().count == 1)
        }
    }

    @Test func quarantinedPayloadsAreStoredWithTheirErrors() async throws {
        try await TestServer.with(Self.config) { server in
            let body = #"{"kind": "phish", "id": "q-1", "title": "No reporter"}"#
            let response = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: body)
            #expect(response.status == 200)
            let element = try #require(response.json?.arrayValue?.first?.objectValue)
            #expect(element["status"] == "quarantined")
            let errors = try #require(element["errors"]?.arrayValue)
            #expect(errors.contains { $0.stringValue?.contains("reporter") == true })
            let kept = try await server.quarantined()
            #expect(kept.map(\.id) == [element["id"]?.stringValue])
            #expect(kept.first?.payloadText == body && kept.first?.mapperName == "test-phish")
            #expect(try await server.incidents().isEmpty)
        }
    }

    @Test func rejectingInstancesAnswer422AndStoreNothing() async throws {
        try await TestServer.with(Self.config) { server in
            let body = #"[{"name": "fine"}, {"kind": "phish", "id": "x"}]"#
            let response = try await TestHTTP.post(port: server.port, "/instance/execute/strict", json: body)
            #expect(response.status == 422)
            let object = try #require(response.json?.objectValue)
            #expect(object["error"] == "Mapping failed; nothing was stored.")
            #expect(object["errors"]?.arrayValue?.first?.stringValue?.hasPrefix("payload 2: ") == true)
            #expect(try await server.incidents().isEmpty)
            #expect(try await server.quarantined().isEmpty)
            let fine = try await TestHTTP.post(port: server.port, "/instance/execute/strict", json: #"{"name": "fine"}"#)
            #expect(fine.status == 200)
        }
    }

    @Test func samplesAndKeptHeaders() async throws {
        try await TestServer.with(Self.config) { server in
            let response = try await TestHTTP.post(
                port: server.port, "/instance/execute/forms", json: #"[{"a": 1}, {"b": 2}]"#,
                headers: [("Authorization", "Bearer leak"), ("Cookie", "session=leak"), ("X-Request-Id", "abc"), ("Proxy-Authorization", "leak")])
            #expect(response.status == 200)
            let samples = try await server.store.samples(instance: "forms", limit: 10)
            #expect(samples.map(\.payloadText).sorted() == [#"{"a":1}"#, #"{"b":2}"#])
            let headers = try #require(samples.first.flatMap { try? JSON.parse($0.headersText) }?.objectValue)
            #expect(headers["x-request-id"] == "abc")
            #expect(headers["content-type"] == "application/json")
            #expect(headers["authorization"] == nil && headers["cookie"] == nil && headers["proxy-authorization"] == nil)
            #expect(try await server.incidents().allSatisfy { !$0.headersText.contains("leak") })
            #expect(try await server.store.samples(instance: "strict", limit: 10).isEmpty)
            // The ring keeps the last samples_kept (3) payloads.
            _ = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: #"[{"c": 3}, {"d": 4}]"#)
            let kept = try await server.store.samples(instance: "forms", limit: 10)
            #expect(kept.map(\.payloadText) == [#"{"d":4}"#, #"{"c":3}"#, #"{"b":2}"#])
        }
    }

    @Test func formAndMultipartBodiesAreOnePayload() async throws {
        try await TestServer.with(Self.config) { server in
            let form = try await TestHTTP.send(
                port: server.port, "POST", "/instance/execute/forms", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: "name=From+a+form&tag=a&tag=b")
            #expect(form.status == 200)
            #expect(form.json?.arrayValue?.first?.objectValue?["name"] == "From a form")
            let multipart = ListenerBodyTests.multipart.replacingOccurrences(of: "name=\"title\"", with: "name=\"name\"")
            let upload = try await TestHTTP.send(
                port: server.port, "POST", "/instance/execute/forms", headers: [("Content-Type", "multipart/form-data; boundary=XyZ")],
                body: multipart)
            #expect(upload.status == 200)
            #expect(upload.json?.arrayValue?.count == 1)
            let stored = try await server.incidents()
            #expect(stored.count == 2)
            #expect(try JSON.parse(stored[0].rawPayloadText) == ["name": "From a form", "tag": ["a", "b"]])
            let raw = try JSON.parse(stored[1].rawPayloadText)
            #expect(raw.objectValue?["photo"] == ["filename": "pic.png", "content_type": "image/png", "size": 4])
            #expect(raw.objectValue?["tag"] == ["a", "b"])
        }
    }

    @Test func healthAndReadiness() async throws {
        try await TestServer.with(Self.config) { server in
            let health = try await TestHTTP.send(port: server.port, "GET", "/healthz", body: "")
            #expect(health.status == 200 && health.json == ["status": "ok"])
            let ready = try await TestHTTP.send(port: server.port, "GET", "/readyz", body: "")
            #expect(ready.status == 200)
        }
        try await TestServer.with(Self.config, store: FailingStore()) { server in
            let ready = try await TestHTTP.send(port: server.port, "GET", "/readyz", body: "")
            #expect(ready.status == 503)
            let health = try await TestHTTP.send(port: server.port, "GET", "/healthz", body: "")
            #expect(health.status == 200)
        }
    }
}
