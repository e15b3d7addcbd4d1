import Foundation
import Testing
import Transforms

@testable import Host

/// `intake replay` (SPEC §9): quarantined payloads become incidents once the mapper is fixed,
/// through the store's commit (dedup honoured), and leave the quarantine.
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first: these tests run the intake binary"))
struct StoreCLIReplayTests {
    static func quarantine(_ payload: String) -> IngestItem {
        .quarantine(
            NewQuarantine(
                payloadText: payload, headersText: #"{"x-source":"script"}"#,
                errors: ["fields.reporter: required field is missing"], mapperName: "forms"))
    }

    /// `six` is stored already (dedup key `six`); `five` and `six` wait in quarantine, as do
    /// two identical payloads of one array body (`seven`), and one of another instance.
    static func filled() async throws -> StoreCLIFixture {
        let fixture = try await StoreCLIFixture.make()
        let received = Instant(millisecondsSinceEpoch: 1_795_000_000_000)
        let six = NewIncident(
            type: "Report", name: "six", occurred: received, fieldsText: #"{"reporter":"f@example.com"}"#, dedupKey: "six",
            rawPayloadText: #"{"title":"six"}"#, headersText: "{}", mapperName: "forms", mapperVersion: 1)
        _ = try await fixture.commit([
            IngestBatch(instance: "forms", received: received, items: [.incident(six)]),
            IngestBatch(
                instance: "forms", received: received,
                items: [
                    quarantine(#"{"title":"five","contact":"e@example.com","priority":"P1 - urgent"}"#),
                    quarantine(#"{"title":"six","contact":"f@example.com"}"#),
                ]),
            IngestBatch(instance: "other", received: received, items: [quarantine(#"{"occurred":"not a date"}"#)]),
        ])
        return fixture
    }

    @Test func aFixedMapperTurnsQuarantinedPayloadsIntoIncidents() async throws {
        let fixture = try await Self.filled()
        defer { fixture.remove() }

        // Today's mapper still fails them: nothing changes, exit 1.
        let before = try await fixture.runJSON(["replay", "--config", fixture.config, "--instance", "forms"], expecting: 1)
        #expect(before.at("replayed") == 2)
        #expect(before.at("created") == 0)
        #expect(before.at("still_quarantined") == 2)
        #expect(before.at("results")?.at(0)?.at("status") == "quarantined")
        #expect(before.at("results")?.at(0)?.at("errors") == ["fields.reporter: required field is missing"])

        try StoreCLIFixture.write(StoreCLIFixture.mapperFixed, to: fixture.mappers.appendingPathComponent("forms.yaml").path)
        let after = try await fixture.runJSON(["replay", "--config", fixture.config, "--instance", "forms"])
        #expect(after.at("replayed") == 2)
        #expect(after.at("created") == 1)
        #expect(after.at("duplicate") == 1, "six was stored already under its dedup key")
        #expect(after.at("still_quarantined") == 0)
        #expect(after.at("results")?.at(0)?.at("id") == "q1", "oldest first")
        #expect(after.at("results")?.at(0)?.at("incidents")?.at(0)?.at("status") == "created")
        #expect(after.at("results")?.at(1)?.at("incidents")?.at(0)?.at("status") == "duplicate")

        let listed = try await fixture.runJSON(["incidents", "list", "--config", fixture.config, "--instance", "forms"])
        let five = try #require(listed.at("incidents")?.arrayValue?.first { $0.at("name") == "five" })
        #expect(five.at("fields")?.at("reporter") == "e@example.com")
        #expect(five.at("fields")?.at("channel") == "script", "the kept headers reach header steps")
        #expect(five.at("occurred") == "2026-11-18T11:06:40Z", "occurred is still the time first received")
        #expect(five.at("mapper") == ["name": "forms", "version": 2])
        #expect(listed.at("incidents")?.arrayValue?.count == 2)
        let id = try #require(five.at("id")?.stringValue)
        let shown = try await fixture.runJSON(["incidents", "show", id, "--raw", "--explain", "--config", fixture.config])
        #expect(shown.at("raw")?.at("payload")?.at("contact") == "e@example.com")
        #expect(shown.at("provenance")?.at("mapper") == "forms")

        // Resolved rows are not replayed again.
        let again = try await fixture.runJSON(["replay", "--config", fixture.config, "--instance", "forms"])
        #expect(again.at("replayed") == 0)
    }

    @Test func idsSelectRowsAndUnknownIdsAreReported() async throws {
        let fixture = try await Self.filled()
        defer { fixture.remove() }
        try StoreCLIFixture.write(StoreCLIFixture.mapperFixed, to: fixture.mappers.appendingPathComponent("forms.yaml").path)
        let one = try await fixture.runJSON(["replay", "--config", fixture.config, "--ids", "q1"])
        #expect(one.at("replayed") == 1)
        #expect(one.at("created") == 1)
        #expect(one.at("not_found") == [])

        let unknown = try await fixture.runJSON(["replay", "--config", fixture.config, "--ids", "q1, q99"], expecting: 1)
        #expect(unknown.at("replayed") == 0, "q1 is resolved already")
        #expect(unknown.at("not_found") == ["q1", "q99"])

        // Without --instance every instance's rows are replayed: `other` still fails (a bad date).
        let rest = try await fixture.runJSON(["replay", "--config", fixture.config], expecting: 1)
        #expect(rest.at("replayed") == 2)
        #expect(rest.at("duplicate") == 1)
        #expect(rest.at("still_quarantined") == 1)
        let failing = try #require(rest.at("results")?.arrayValue?.first { $0.at("status") == "quarantined" })
        #expect(failing.at("id") == "q3")

        let empty = try await fixture.run(["replay", "--config", fixture.config, "--ids", ","])
        #expect(empty.status == 2)
    }

    @Test func identicalPayloadsOfOneRequestEachBecomeAnIncident() async throws {
        let fixture = try await StoreCLIFixture.make()
        defer { fixture.remove() }
        // No dedup: two identical payloads in one array body are two incidents.
        try StoreCLIFixture.write(
            StoreCLIFixture.mapperFixed.replacingOccurrences(of: "dedup: $.title\n", with: ""),
            to: fixture.mappers.appendingPathComponent("forms.yaml").path)
        let payload = #"{"title":"seven","contact":"g@example.com"}"#
        _ = try await fixture.commit([
            IngestBatch(
                instance: "forms", received: Instant(millisecondsSinceEpoch: 1_795_000_000_000),
                items: [Self.quarantine(payload), Self.quarantine(payload)])
        ])
        let replay = try await fixture.runJSON(["replay", "--config", fixture.config])
        #expect(replay.at("replayed") == 2)
        #expect(replay.at("created") == 2)
        let listed = try await fixture.runJSON(["incidents", "list", "--config", fixture.config])
        #expect(listed.at("incidents")?.arrayValue?.count == 2)
    }

    /// A `for_each` mapper over `$.alerts[*]`; `dedup` optional.
    static func alertsMapper(dedup: Bool) -> String {
        """
        mapper: forms
        version: 3
        for_each: $.alerts[*]
        type: Report
        \(dedup ? "dedup: $.id" : "")
        fields:
          name: $.id
          reporter: [ { coalesce: [ $.email, $.contact ] } ]
        """
    }

    @Test func aPartlyQuarantinedForEachPayloadNeedsADedupKey() async throws {
        let fixture = try await StoreCLIFixture.make()
        defer { fixture.remove() }
        let payload = #"{"alerts":[{"id":"a1","email":"a@example.com"},{"id":"a2","contact":"b@example.com"}]}"#
        let received = Instant(millisecondsSinceEpoch: 1_795_000_000_000)
        // On arrival a1 was stored and a2 (no email then) quarantined: one row, the whole payload.
        let a1 = NewIncident(
            type: "Report", name: "a1", occurred: received, fieldsText: #"{"reporter":"a@example.com"}"#, dedupKey: "a1",
            rawPayloadText: payload, headersText: "{}", mapperName: "forms", mapperVersion: 2)
        _ = try await fixture.commit([
            IngestBatch(
                instance: "forms", received: received,
                items: [
                    .incident(a1),
                    .quarantine(
                        NewQuarantine(
                            payloadText: payload, headersText: "{}", errors: ["fields.reporter: required field is missing"], mapperName: "forms")),
                ])
        ])
        let mapperFile = fixture.mappers.appendingPathComponent("forms.yaml").path

        // Without a dedup key, replaying would store a1 again: refused, the row stays open.
        try StoreCLIFixture.write(Self.alertsMapper(dedup: false), to: mapperFile)
        let refused = try await fixture.runJSON(["replay", "--config", fixture.config], expecting: 1)
        #expect(refused.at("still_quarantined") == 1)
        #expect(refused.at("created") == 0)
        let message = try #require(refused.at("results")?.at(0)?.at("errors")?.at(0)?.stringValue)
        #expect(message.contains("1 of the 2 items"), "\(message)")
        #expect(message.contains("dedup"), "\(message)")

        // With one, a1 comes back as a duplicate and a2 is created.
        try StoreCLIFixture.write(Self.alertsMapper(dedup: true), to: mapperFile)
        let replayed = try await fixture.runJSON(["replay", "--config", fixture.config])
        #expect(replayed.at("created") == 1)
        #expect(replayed.at("duplicate") == 1)
        let listed = try await fixture.runJSON(["incidents", "list", "--config", fixture.config])
        #expect(listed.at("incidents")?.arrayValue?.compactMap { $0.at("name")?.stringValue }.sorted() == ["a1", "a2"])
    }

    @Test func aForEachPayloadQuarantinedWholeReplaysEveryItem() async throws {
        let fixture = try await StoreCLIFixture.make()
        defer { fixture.remove() }
        let payload = #"{"alerts":[{"id":"a1","email":"a@example.com"},{"id":"a2","contact":"b@example.com"}]}"#
        _ = try await fixture.commit([
            IngestBatch(
                instance: "forms", received: Instant(millisecondsSinceEpoch: 1_795_000_000_000),
                items: [
                    .quarantine(
                        NewQuarantine(
                            payloadText: payload, headersText: "{}", errors: ["for_each: $.events[*] matched nothing"], mapperName: "forms"))
                ])
        ])
        try StoreCLIFixture.write(Self.alertsMapper(dedup: false), to: fixture.mappers.appendingPathComponent("forms.yaml").path)
        let replayed = try await fixture.runJSON(["replay", "--config", fixture.config])
        #expect(replayed.at("replayed") == 1)
        #expect(replayed.at("created") == 2)
        #expect(replayed.at("results")?.at(0)?.at("incidents")?.arrayValue?.count == 2)
    }
}
