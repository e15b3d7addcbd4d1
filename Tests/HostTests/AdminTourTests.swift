import Foundation
import Testing
import Transforms

@testable import Host

/// The README's tour over HTTP: the embedded default configuration in a fresh working folder
/// holding a copy of `mappers/`, a Google Forms submission POSTed to `forms`, the typed
/// incident read back from the admin API, and a dry-run of the instance on its stored samples.
@Suite struct AdminTourTests {
    /// `<root>/Tests/HostTests/AdminTourTests.swift` → `<root>`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let sample = "samples/google_forms/sheets_trigger_phishing"

    @Test func aFormSubmissionBecomesATypedIncident() async throws {
        // The embedded default, listening on a free port instead of 8000.
        let config = EmbeddedConfiguration.text.replacingOccurrences(
            of: "listen: { host: 127.0.0.1, port: 8000 }", with: "listen: { host: 127.0.0.1, port: 0 }")
        #expect(config != EmbeddedConfiguration.text)
        let payload = try Data(contentsOf: Self.root.appendingPathComponent(Self.sample + ".json"))
        let expected = try JSON.parse(bytes: Data(contentsOf: Self.root.appendingPathComponent(Self.sample + ".expected.json")))
        let expectedIncident = try #require(expected.arrayValue?.first?["incident"]?.objectValue)

        try await TestServer.with(
            config,
            prepare: { folder in
                let mappers = folder.appendingPathComponent("mappers")
                try FileManager.default.removeItem(at: mappers)
                try FileManager.default.copyItem(at: Self.root.appendingPathComponent("mappers"), to: mappers)
            }
        ) { server in
            // 3. POST the form.
            let posted = try await TestHTTP.post(
                port: server.port, "/instance/execute/forms", json: String(decoding: payload, as: UTF8.self))
            #expect(posted.status == 200, "\(posted)")
            let element = try #require(posted.json?.arrayValue?.first)
            #expect(element["status"] == "created")
            #expect(element["type"] == "Phishing")
            let id = try #require(element.id)

            // The typed incident, as the golden file of `intake test` says, plus id, instance, created.
            let incident = try await AdminHTTP.get(server, "/api/incidents/\(id)")
            #expect(incident.status == 200, "\(incident)")
            var shown = try #require(incident.json?.objectValue)
            #expect(shown["id"]?.stringValue == id)
            #expect(shown["instance"] == "forms")
            #expect(shown["created"]?.stringValue.flatMap { ISO8601.parse($0, zone: nil) } != nil)
            #expect(shown.keys.filter { !["id", "instance", "created"].contains($0) } == expectedIncident.keys)
            for key in expectedIncident.keys {
                #expect(shown[key] == expectedIncident[key], "\(key)")
            }
            shown = try #require(try await AdminHTTP.get(server, "/api/incidents/\(id)?raw=1").json?.objectValue)
            #expect(shown["raw"]?["payload"] == (try JSON.parse(bytes: payload)))

            // It is listed, newest first, and filtered by type.
            let listed = try await AdminHTTP.get(server, "/api/incidents?instance=forms&type=Phishing")
            #expect(listed["incidents"]?.arrayValue?.compactMap(\.id) == [id])

            // 4. Dry-run the instance against its stored samples, through the API.
            let samples = try await AdminHTTP.get(server, "/api/instances/forms/samples")
            let sampleID = try #require(samples["samples"]?.arrayValue?.first?.id)
            let dryRun = try await AdminHTTP.post(server, "/api/instances/forms/dry-run", json: "{}")
            #expect(dryRun.status == 200, "\(dryRun)")
            let mapped = try #require(dryRun.json?.arrayValue)
            #expect(mapped.count == 1)
            #expect(mapped.first?["source"]?.stringValue == "sample:\(sampleID)")
            #expect(mapped.first?["status"] == "mapped")
            #expect(mapped.first?["incident"] == .object(expectedIncident))
        }
    }
}
