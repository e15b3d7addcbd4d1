import Foundation
import Testing
import Transforms

@testable import Host

/// `intake incidents list|show` on a database filled through the store API (SPEC §4, §9).
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first: these tests run the intake binary"))
struct StoreCLIIncidentsTests {
    static func incident(_ title: String, type: String = "Report", priority: String) -> IngestItem {
        .incident(
            NewIncident(
                type: type, name: title, occurred: Instant(millisecondsSinceEpoch: 1_795_000_000_000), severity: 2,
                fieldsText: #"{"priority":"\#(priority)","reporter":"a@example.com"}"#, dedupKey: title,
                rawPayloadText: #"{"title":"\#(title)","secret_looking":"kept as sent"}"#, headersText: #"{"x-source":"sheet"}"#,
                mapperName: "forms", mapperVersion: 1, mapperHash: "abc",
                provenanceText: #"{"mapper":"forms","fields":{"priority":{"steps":[],"value":"\#(priority)"}}}"#))
    }

    /// Three incidents in three requests a second apart: `first` oldest, `third` newest.
    static func filled() async throws -> StoreCLIFixture {
        let fixture = try await StoreCLIFixture.make()
        let base: Int64 = 1_795_000_100_000
        _ = try await fixture.commit([
            IngestBatch(instance: "forms", received: Instant(millisecondsSinceEpoch: base), items: [incident("first", priority: "normal")]),
            IngestBatch(
                instance: "other", received: Instant(millisecondsSinceEpoch: base + 1000),
                items: [incident("second", type: "Unclassified", priority: "urgent")]),
            IngestBatch(instance: "forms", received: Instant(millisecondsSinceEpoch: base + 2000), items: [incident("third", priority: "low")]),
        ])
        return fixture
    }

    @Test func listPagesNewestFirstWithCursors() async throws {
        let fixture = try await Self.filled()
        defer { fixture.remove() }
        let first = try await fixture.runJSON(["incidents", "list", "--config", fixture.config, "--limit", "2"])
        let names = first.at("incidents")?.arrayValue?.map { $0.at("name")?.stringValue }
        #expect(names == ["third", "second"])
        let cursor = try #require(first.at("next_cursor")?.stringValue)
        let second = try await fixture.runJSON(["incidents", "list", "--config", fixture.config, "--limit", "2", "--cursor", cursor])
        #expect(second.at("incidents")?.arrayValue?.map { $0.at("name")?.stringValue } == ["first"])
        #expect(second.at("next_cursor") == .null)

        // Each entry is the incident JSON of SPEC §7, keys in S120 order.
        let entry = try #require(first.at("incidents")?.at(0)?.objectValue)
        #expect(entry.keys == ["id", "instance", "type", "name", "occurred", "created", "severity", "fields", "mapper", "dedup_key"])
        #expect(entry["instance"] == "forms")
        #expect(entry["created"] == "2026-11-18T11:08:22Z")
        #expect(entry["fields"]?.at("priority") == "low")
        #expect(entry["raw"] == nil)
    }

    @Test func listFilters() async throws {
        let fixture = try await Self.filled()
        defer { fixture.remove() }
        let byInstance = try await fixture.runJSON(["incidents", "list", "--config", fixture.config, "--instance", "other"])
        #expect(byInstance.at("incidents")?.arrayValue?.map { $0.at("name")?.stringValue } == ["second"])
        let byType = try await fixture.runJSON(["incidents", "list", "--config", fixture.config, "--type", "Report"])
        #expect(byType.at("incidents")?.arrayValue?.map { $0.at("name")?.stringValue } == ["third", "first"])
        let since = try await fixture.runJSON(["incidents", "list", "--config", fixture.config, "--since", "2026-11-18T11:08:21Z"])
        #expect(since.at("incidents")?.arrayValue?.map { $0.at("name")?.stringValue } == ["third", "second"])
    }

    @Test func listRefusesBadOptions() async throws {
        let fixture = try await Self.filled()
        defer { fixture.remove() }
        let badSince = try await fixture.run(["incidents", "list", "--config", fixture.config, "--since", "yesterday"])
        #expect(badSince.status == 2)
        #expect(badSince.stderr.contains("--since"))
        let badLimit = try await fixture.run(["incidents", "list", "--config", fixture.config, "--limit", "501"])
        #expect(badLimit.status == 2)
        #expect(badLimit.stderr.contains("limit"))
        let badCursor = try await fixture.run(["incidents", "list", "--config", fixture.config, "--cursor", "nonsense"])
        #expect(badCursor.status == 2)
        #expect(badCursor.stdout.isEmpty)
    }

    @Test func showPrintsTheIncidentAndOnRequestRawAndProvenance() async throws {
        let fixture = try await Self.filled()
        defer { fixture.remove() }
        let listed = try await fixture.runJSON(["incidents", "list", "--config", fixture.config, "--instance", "other"])
        let id = try #require(listed.at("incidents")?.at(0)?.at("id")?.stringValue)

        let plain = try await fixture.runJSON(["incidents", "show", id, "--config", fixture.config])
        #expect(plain.at("id")?.stringValue == id)
        #expect(plain.at("name") == "second")
        #expect(plain.at("raw") == nil)
        #expect(plain.at("provenance") == nil)

        let raw = try await fixture.runJSON(["incidents", "show", id, "--raw", "--config", fixture.config])
        #expect(raw.at("raw")?.at("payload")?.at("secret_looking") == "kept as sent")
        #expect(raw.at("raw")?.at("headers")?.at("x-source") == "sheet")
        #expect(raw.at("provenance") == nil)

        let explained = try await fixture.runJSON(["incidents", "show", id, "--explain", "--config", fixture.config])
        #expect(explained.at("provenance")?.at("fields")?.at("priority")?.at("value") == "urgent")
        #expect(explained.at("raw") == nil)
    }

    @Test func showExitsOneWhenThereIsNoSuchIncident() async throws {
        let fixture = try await Self.filled()
        defer { fixture.remove() }
        for id in ["999", "q1", "abc"] {
            let result = try await fixture.run(["incidents", "show", id, "--config", fixture.config])
            #expect(result.status == 1, "\(id)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("no incident with id '\(id)'"))
        }
    }

    @Test func aMissingDatabaseIsReportedNotCreated() async throws {
        let fixture = try await StoreCLIFixture.make()
        defer { fixture.remove() }
        try FileManager.default.removeItem(atPath: fixture.database)
        let result = try await fixture.run(["incidents", "list", "--config", fixture.config])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no database"))
        #expect(!FileManager.default.fileExists(atPath: fixture.database))
    }

    @Test func aBrokenConfigurationExitsTwoWithItsPlace() async throws {
        let fixture = try await StoreCLIFixture.make()
        defer { fixture.remove() }
        try StoreCLIFixture.write("storage: { sqlite: intake.db }\nbogus: 1", to: fixture.config)
        let result = try await fixture.run(["incidents", "list", "--config", fixture.config])
        #expect(result.status == 2)
        #expect(result.stderr.contains("intake.yaml:2:1"), "\(result.stderr)")
    }
}
