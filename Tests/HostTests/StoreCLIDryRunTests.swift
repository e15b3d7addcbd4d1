import Foundation
import Testing
import Transforms

@testable import Host

/// `intake dry-run --instance` over stored samples and payload files, and `--compare` with a
/// candidate mappers folder (SPEC §9, §10; SEMANTICS S130–S132).
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first: these tests run the intake binary"))
struct StoreCLIDryRunTests {
    /// Four kept samples, `s1` oldest: a table change (`P2`), an unknown drop-down value
    /// (`Sev 9`), an unchanged one, and one without `email` that today's mapper quarantines.
    static func withSamples() async throws -> StoreCLIFixture {
        let fixture = try await StoreCLIFixture.make()
        try await fixture.addSamples([
            #"{"title":"one","email":"a@example.com","priority":"P2"}"#,
            #"{"title":"two","email":"b@example.com","priority":"Sev 9"}"#,
            #"{"title":"three","email":"c@example.com","priority":"P1 - urgent"}"#,
            #"{"title":"four","contact":"d@example.com","priority":"P2"}"#,
        ])
        return fixture
    }

    @Test func storedSamplesMapNewestFirstWithTheirHeadersAndTime() async throws {
        let fixture = try await Self.withSamples()
        defer { fixture.remove() }
        let printed = try await fixture.runJSON(
            ["dry-run", "--config", fixture.config, "--instance", "forms", "--stored"], expecting: 1)
        let elements = try #require(printed.arrayValue)
        #expect(elements.map { $0.at("source")?.stringValue } == ["sample:s4", "sample:s3", "sample:s2", "sample:s1"])
        #expect(elements.map { $0.at("status")?.stringValue } == ["quarantined", "mapped", "mapped", "mapped"])
        #expect(elements[0].at("errors") == ["fields.reporter: required field is missing"])
        let one = try #require(elements[3].at("incident"))
        #expect(one.at("type") == "Report")
        #expect(one.at("fields")?.at("priority") == "normal")
        #expect(one.at("fields")?.at("channel") == "sheet", "the sample's kept header reaches header steps")
        #expect(one.at("occurred") == "2026-11-18T11:06:40Z", "occurred defaults to the time the sample was received")
        #expect(one.at("mapper") == ["name": "forms", "version": 1])

        let last = try await fixture.runJSON(
            ["dry-run", "--config", fixture.config, "--instance", "forms", "--stored", "--last", "2"], expecting: 1)
        #expect(last.arrayValue?.map { $0.at("source")?.stringValue } == ["sample:s4", "sample:s3"])

        let explained = try await fixture.runJSON(
            ["dry-run", "--config", fixture.config, "--instance", "forms", "--stored", "--last", "1", "--explain"], expecting: 1)
        #expect(explained.at(0)?.at("trace")?.at("mapper") == "forms")
    }

    @Test func anInstanceMapsPayloadFilesWithItsChainAndType() async throws {
        let fixture = try await StoreCLIFixture.make()
        defer { fixture.remove() }
        let payload = fixture.folder.appendingPathComponent("p.json").path
        try StoreCLIFixture.write(#"[{"title":"x","email":"X@Example.com","priority":"P1 - urgent"}, {"name":"plain"}]"#, to: payload)
        let forms = try await fixture.runJSON(
            ["dry-run", "--config", fixture.config, "--instance", "forms", "--received-at", "2026-01-02T03:04:05Z", payload],
            expecting: 1)
        #expect(forms.at(0)?.at("source")?.stringValue == payload + "#0")
        #expect(forms.at(0)?.at("incident")?.at("fields")?.at("reporter") == "x@example.com")
        // The chain's only mapper has no `when`: it takes every payload, and this one has no reporter.
        #expect(forms.at(1)?.at("status") == "quarantined")

        // `other` has no mappers: the default mapping, with the instance's type.
        let other = try await fixture.runJSON(
            ["dry-run", "--config", fixture.config, "--instance", "other", "--received-at", "2026-01-02T03:04:05Z", payload])
        #expect(other.at(1)?.at("incident") == ["type": "Unclassified", "name": "plain", "occurred": "2026-01-02T03:04:05Z", "severity": 0])
    }

    @Test func compareListsWhatACandidateFolderChangesFieldByField() async throws {
        let fixture = try await Self.withSamples()
        defer { fixture.remove() }
        let candidate = fixture.folder.appendingPathComponent("mappers-next")
        try StoreCLIFixture.write(StoreCLIFixture.mapperFixed, to: candidate.appendingPathComponent("forms.yaml").path)

        let printed = try await fixture.runJSON([
            "dry-run", "--config", fixture.config, "--instance", "forms", "--stored", "--compare", candidate.path,
        ])
        let differences = try #require(printed.at("differences")?.arrayValue)
        #expect(differences.map { $0.at("source")?.stringValue } == ["sample:s4", "sample:s1"])

        let fixed = differences[0]
        #expect(fixed.at("status_before") == "quarantined")
        #expect(fixed.at("status_after") == "mapped")
        #expect(fixed.at("errors_before") == ["fields.reporter: required field is missing"])
        #expect(fixed.at("errors_after") == nil)

        let changed = differences[1]
        #expect(changed.at("status_before") == "mapped")
        #expect(changed.at("status_after") == "mapped")
        #expect(changed.at("changes") == [["field": "fields.priority", "before": "normal", "after": "routine"]])

        #expect(
            printed.at("summary") == [
                "samples": 4, "changed": 2, "new_failures": 0, "fixed": 1,
                "unmapped_lookup_values": [["field": "priority", "value": "Sev 9", "count": 1]],
            ])
    }

    @Test func compareCountsNewFailuresAndUnmappedValuesInPayloadFiles() async throws {
        let fixture = try await StoreCLIFixture.make()
        defer { fixture.remove() }
        let payloads = fixture.folder.appendingPathComponent("payloads.json").path
        try StoreCLIFixture.write(
            #"[{"title":"a","email":"a@example.com","priority":"P3"}, {"title":"b","email":"b@example.com","priority":"Sev 1"}, {"title":"c","email":"c@example.com","priority":"Sev 1"}]"#,
            to: payloads)
        // A candidate that reads the reporter from `contact` only: every payload fails.
        let candidate = fixture.folder.appendingPathComponent("next")
        try StoreCLIFixture.write(
            StoreCLIFixture.mapperFixed.replacingOccurrences(of: "- coalesce: [ $.email, $.contact ]", with: "- $.contact"),
            to: candidate.appendingPathComponent("forms.yaml").path)
        let printed = try await fixture.runJSON(
            ["dry-run", "--config", fixture.config, "--instance", "forms", "--compare", candidate.path, payloads], expecting: 1)
        let summary = try #require(printed.at("summary"))
        #expect(summary.at("samples") == 3)
        #expect(summary.at("new_failures") == 3)
        #expect(summary.at("fixed") == 0)
        #expect(summary.at("unmapped_lookup_values") == [["field": "priority", "value": "Sev 1", "count": 2]])
        #expect(printed.at("differences")?.at(0)?.at("errors_after") == ["fields.reporter: required field is missing"])

        // Today's table misses P3 too; the fixed candidate maps it: the field appears.
        let better = fixture.folder.appendingPathComponent("better")
        try StoreCLIFixture.write(StoreCLIFixture.mapperFixed, to: better.appendingPathComponent("forms.yaml").path)
        let improved = try await fixture.runJSON(
            ["dry-run", "--config", fixture.config, "--instance", "forms", "--compare", better.path, payloads])
        #expect(improved.at("differences")?.at(0)?.at("source")?.stringValue == payloads + "#0")
        #expect(improved.at("differences")?.at(0)?.at("changes") == [["field": "fields.priority", "before": nil, "after": "low"]])
    }

    @Test func usageMistakesExitTwoWithoutOutput() async throws {
        let fixture = try await StoreCLIFixture.make()
        defer { fixture.remove() }
        let cases: [([String], String)] = [
            (["dry-run", "--config", fixture.config, "--stored"], "--instance"),
            (["dry-run", "--config", fixture.config, "--instance", "forms", "--mapper", "forms", "--stored"], "not both"),
            (["dry-run", "--config", fixture.config, "--instance", "forms", "--stored", "--last", "0"], "--last"),
            (["dry-run", "--config", fixture.config, "--instance", "nope", "--stored"], "no instance named 'nope'"),
            (["dry-run", "--config", fixture.config, "--instance", "forms", "--stored", "--compare", "/nonexistent/folder"], "/nonexistent/folder"),
        ]
        for (arguments, message) in cases {
            let result = try await fixture.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }
}
