import Foundation
import Testing
import Transforms

@testable import Host

/// The playground's routes: `GET /api/instances`, `GET`/`PUT /api/mappers/{name}` and
/// `POST /api/instances/{name}/sample-report`, on the real listener.
@Suite(.serialized) struct AdminMappersTests {
    static let config = """
        instances:
          - name: forms
            auth: none
            store_samples: true
            mappers: [test-phish]
          - name: plain
            auth: none
            incident_type: Ops
        """

    /// test-phish reading the reporter from `$.sender` instead of `$.email`.
    static let edited = """
        mapper: test-phish
        version: 3
        when: { path: $.kind, equals: phish }
        type: Phishing
        dedup: $.id
        fields:
          name: $.title
          reporter: $.sender
        """

    static func put(_ server: TestServer, _ name: String, mapper: String) async throws -> TestHTTP.Response {
        let body = JSON.object(["mapper": .string(mapper)]).serialized()
        return try await TestHTTP.send(
            port: server.port, "PUT", "/api/mappers/\(name)", headers: [("Content-Type", "application/json")], body: body)
    }

    static func fileText(_ server: TestServer, _ name: String) throws -> String {
        try String(contentsOf: server.folder.appendingPathComponent("mappers/\(name)"), encoding: .utf8)
    }

    @Test func instancesAndMappersAreListed() async throws {
        try await TestServer.with(Self.config) { server in
            let instances = try await AdminHTTP.get(server, "/api/instances")
            #expect(instances.status == 200, "\(instances)")
            #expect(
                instances["instances"] == [
                    ["name": "forms", "incident_type": "Unclassified", "mappers": ["test-phish"], "store_samples": true],
                    ["name": "plain", "incident_type": "Ops", "mappers": [], "store_samples": false],
                ])
            let mapper = try await AdminHTTP.get(server, "/api/mappers/test-phish")
            #expect(mapper.status == 200, "\(mapper)")
            #expect(mapper["text"]?.stringValue == TestMappers.files["phish.yaml"])
            #expect(mapper["file"]?.stringValue?.hasSuffix("mappers/phish.yaml") == true)
            let missing = try await AdminHTTP.get(server, "/api/mappers/nope")
            #expect(missing.status == 404)
            #expect(missing.error == "No instance's chain holds a mapper named 'nope'.")
        }
    }

    @Test func aSavedMapperIsWrittenAndMapsTheNextRequest() async throws {
        try await TestServer.with(Self.config) { server in
            let payload = #"{"kind": "phish", "id": "s1", "title": "Via sender", "sender": "Carol@Example.com"}"#
            // Before: the running mapper wants $.email, so this payload is quarantined.
            let before = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: payload)
            #expect(before.status == 200, "\(before)")
            #expect(try await server.quarantined().count == 1)

            let saved = try await Self.put(server, "test-phish", mapper: Self.edited)
            #expect(saved.status == 200, "\(saved)")
            #expect(saved["saved"]?.stringValue?.hasSuffix("mappers/phish.yaml") == true)
            #expect(saved["instances"] == ["forms"])
            #expect(saved["generation"] == 2)
            #expect(try Self.fileText(server, "phish.yaml") == Self.edited)

            // After: the listener maps with the saved text, and says which version made it.
            let after = try await TestHTTP.post(
                port: server.port, "/instance/execute/forms", json: #"{"kind": "phish", "id": "s2", "title": "t", "sender": "Dan@Example.com"}"#)
            #expect(after.status == 200, "\(after)")
            let incidents = try await server.incidents()
            #expect(incidents.count == 1)
            #expect(incidents.first?.jsonText().contains(#""reporter":"dan@example.com""#) == true)
            #expect(incidents.first?.jsonText().contains(#""version":3"#) == true)
            let shown = try await AdminHTTP.get(server, "/api/mappers/test-phish")
            #expect(shown["text"]?.stringValue == Self.edited)
        }
    }

    @Test func aMapperThatFailsTheChecksIsNotWritten() async throws {
        try await TestServer.with(Self.config) { server in
            let original = try Self.fileText(server, "phish.yaml")
            // A step that does not exist: located in the mapper's own file.
            let broken = Self.edited.replacingOccurrences(of: "name: $.title", with: "name: [ $.title, shout ]")
            let unknownStep = try await Self.put(server, "test-phish", mapper: broken)
            #expect(unknownStep.status == 400, "\(unknownStep)")
            let errors = unknownStep["errors"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(errors.count == 1)
            #expect(errors.first?.contains("mappers/phish.yaml:7:") == true, "\(errors)")
            // A type no file declares: the instance's chain would not build.
            let undeclared = try await Self.put(
                server, "test-phish", mapper: Self.edited.replacingOccurrences(of: "type: Phishing", with: "type: Phishsing"))
            #expect(undeclared.status == 400, "\(undeclared)")
            #expect(undeclared.error == "The mapper is not saved: an instance's chain would not build.")
            // Another name than the one saved under.
            let renamed = try await Self.put(
                server, "test-phish", mapper: Self.edited.replacingOccurrences(of: "mapper: test-phish", with: "mapper: other"))
            #expect(renamed.status == 400, "\(renamed)")
            #expect(renamed.error?.contains("declares 'other', not 'test-phish'") == true)
            // Not YAML at all, and no text.
            #expect(try await Self.put(server, "test-phish", mapper: "mapper: [").status == 400)
            let empty = try await TestHTTP.send(
                port: server.port, "PUT", "/api/mappers/test-phish", headers: [("Content-Type", "application/json")], body: "{}")
            #expect(empty.status == 400)
            // A name that is no file name in the folder.
            let hidden = try await Self.put(server, ".hidden", mapper: Self.edited)
            #expect(hidden.status == 400, "\(hidden)")
            #expect(try Self.fileText(server, "phish.yaml") == original)
            #expect(!FileManager.default.fileExists(atPath: server.folder.appendingPathComponent("mappers/.hidden.yaml").path))
            // And the running chain is still the original one.
            let mapped = try await AdminHTTP.post(
                server, "/api/instances/forms/dry-run", json: #"{"payloads": [{"kind": "phish", "title": "t", "email": "a@b.co"}]}"#)
            #expect(mapped.json?.arrayValue?.first?["status"] == "mapped", "\(mapped)")
        }
    }

    @Test func aNewMapperGetsItsOwnFile() async throws {
        try await TestServer.with(Self.config) { server in
            let text = "mapper: ops-note\ntype: Unclassified\nfields: { name: $.note }\n"
            let saved = try await Self.put(server, "ops-note", mapper: text)
            #expect(saved.status == 200, "\(saved)")
            #expect(saved["instances"] == [])
            #expect(try Self.fileText(server, "ops-note.yaml") == text)
        }
    }

    @Test func theSampleReportCountsTheValuesNoTableMaps() async throws {
        try await TestServer.with(Self.config) { server in
            let mapper = """
                mapper: by-category
                type: [ $.category, { lookup: { phish: Phishing } } ]
                fields: { name: $.title, reporter: $.email }
                """
            let payloads = """
                [{"category": "Sev 1", "title": "a"}, {"category": "phish", "title": "b", "email": "a@b.co"},
                 {"category": "Sev 1", "title": "c"}, {"category": "spam", "title": "d"}]
                """
            let body = #"{"mapper": \#(JSON.string(mapper).serialized()), "payloads": \#(payloads)}"#
            let response = try await AdminHTTP.post(server, "/api/instances/forms/sample-report", json: body)
            #expect(response.status == 200, "\(response)")
            #expect(
                response["misses"] == [
                    ["field": "type", "value": "Sev 1", "count": 2],
                    ["field": "type", "value": "spam", "count": 1],
                ])
            #expect(response["mapped"] == 4)
            #expect(response["samples"] == 4)
            #expect(response["never_matched"] == [])
            #expect(response["shadowed"] == [])
            // The stored samples when no payloads are given; the instance's chain has no lookup.
            try await AdminHTTP.ingest(server, "forms", #"{"kind": "phish", "id": "x", "title": "t", "email": "a@b.co"}"#)
            let samples = try await AdminHTTP.post(server, "/api/instances/forms/sample-report", json: "{}")
            #expect(samples["misses"] == [])
            #expect(samples["mapped"] == 1)
            // A mapper whose `when` holds for none of the samples.
            let dead = #"{"mapper": "mapper: dead\nwhen: { path: $.kind, equals: nothing }\nfields: { name: $.title }"}"#
            let report = try await AdminHTTP.post(server, "/api/instances/forms/sample-report", json: dead)
            #expect(report.status == 200, "\(report)")
            #expect(report["never_matched"] == [["mapper": "dead", "file": "<request>"]])
            let typo = try await AdminHTTP.post(server, "/api/instances/forms/sample-report", json: #"{"explain": true}"#)
            #expect(typo.status == 400)
        }
    }

    @Test func thePlaygroundPagesAreServed() async throws {
        try await TestServer.with(Self.config) { server in
            let page = try await AdminHTTP.get(server, "/ui")
            #expect(page.status == 200)
            #expect(page.header("Content-Type") == "text/html; charset=utf-8")
            #expect(page.text.contains(#"<script src="/ui/app.js">"#))
            for (path, type) in [("/ui/app.js", "text/javascript"), ("/ui/app.css", "text/css")] {
                let response = try await AdminHTTP.get(server, path)
                #expect(response.status == 200, "\(path)")
                #expect(response.header("Content-Type")?.hasPrefix(type) == true, "\(path)")
            }
            let script = try await AdminHTTP.get(server, "/ui/app.js")
            for route in ["/api/instances", "/dry-run", "/sample-report", "/api/mappers/"] {
                #expect(script.text.contains(route), "app.js calls \(route)")
            }
            #expect(try await AdminHTTP.get(server, "/ui/nope.js").status == 404)
        }
    }
}
