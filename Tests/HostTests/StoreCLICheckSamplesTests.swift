import Foundation
import Testing
import Transforms

@testable import Host

/// `intake check --samples`: the unmapped drop-down values, the mappers that never match and
/// the shadowed mappers of SPEC §10, from stored samples, through the real binary.
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first: these tests run the intake binary"))
struct StoreCLICheckSamplesTests {
    /// `forms`' chain: `legacy` (its `when` reads a field these forms never send), then the
    /// fixture's `forms` (no `when`: it takes everything), then `phish`, which only `forms`'
    /// samples would reach.
    static func withChain() async throws -> StoreCLIFixture {
        let fixture = try await StoreCLIFixture.make()
        try StoreCLIFixture.write(
            """
            storage: { sqlite: intake.db }
            mappers: mappers
            instances:
              - name: forms
                auth: none
                store_samples: true
                mappers: [legacy, forms, phish]
              - name: other
                auth: none
            """, to: fixture.config)
        for (name, when) in [("legacy", "{ path: $.formId, exists: true }"), ("phish", "{ path: $.title, equals: two }")] {
            try StoreCLIFixture.write(
                """
                mapper: \(name)
                when: \(when)
                type: Report
                fields: { name: $.title, reporter: $.email }
                """, to: fixture.mappers.appendingPathComponent("\(name).yaml").path)
        }
        try await fixture.addSamples([
            #"{"title":"one","email":"a@example.com","priority":"Sev 1 – critical"}"#,
            #"{"title":"two","email":"b@example.com","priority":"Sev 9"}"#,
            #"{"title":"three","email":"c@example.com","priority":"Sev 1 – critical"}"#,
            #"{"title":"four","email":"d@example.com","priority":"P2"}"#,
            #"{"title":"five","email":"e@example.com","priority":"Sev 1 – critical"}"#,
        ])
        return fixture
    }

    @Test func theReportListsMissesDeadAndShadowedMappers() async throws {
        let fixture = try await Self.withChain()
        defer { fixture.remove() }
        let result = try await fixture.run(["check", "--samples", "--instance", "forms"])
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("mappers: 3 mappers, 1 incident type, 2 instances, 0 warnings") == true, "\(result)")
        #expect(
            Array(lines.dropFirst()) == [
                "instance forms: 5 stored samples, 4 findings",
                "  priority: 'Sev 1 – critical' seen 3×, unmapped",
                "  priority: 'Sev 9' seen 1×, unmapped",
                "  mapper 'legacy' (\(fixture.mappers.path)/legacy.yaml) never matches: its when holds for none of 5 samples",
                "  mapper 'phish' (\(fixture.mappers.path)/phish.yaml) is shadowed: it matches 1 sample, every one taken first by 'forms' earlier in the chain",
            ], "\(result)")
    }

    @Test func withoutInstanceEveryInstanceIsReportedAndAGoodChainHasNoFindings() async throws {
        let fixture = try await Self.withChain()
        defer { fixture.remove() }
        // Fix the chain: the table knows every value, legacy goes, phish comes before forms.
        try StoreCLIFixture.write(
            StoreCLIFixture.mapperToday.replacingOccurrences(
                of: #"lookup: { "P1 - urgent": urgent, "P2": normal }"#,
                with: #"lookup: { "Sev 1 – critical": urgent, "Sev 9": low, "P2": normal }"#),
            to: fixture.mappers.appendingPathComponent("forms.yaml").path)
        let config = try String(contentsOfFile: fixture.config, encoding: .utf8)
        try StoreCLIFixture.write(config.replacingOccurrences(of: "[legacy, forms, phish]", with: "[phish, forms]"), to: fixture.config)
        let result = try await fixture.run(["check", "--samples"])
        #expect(result.status == 0, "\(result)")
        #expect(
            Array(result.stdout.split(separator: "\n").dropFirst()) == [
                "instance forms: 5 stored samples, 0 findings",
                "instance other: 0 stored samples, 0 findings",
            ], "\(result)")
    }

    @Test func mistakesExitWithTheirStatus() async throws {
        let fixture = try await Self.withChain()
        defer { fixture.remove() }
        let unknown = try await fixture.run(["check", "--samples", "--instance", "nope"])
        #expect(unknown.status == 2, "\(unknown)")
        #expect(unknown.stderr.contains("nope"), "\(unknown)")
        let alone = try await fixture.run(["check", "--instance", "forms"])
        #expect(alone.status == 2, "\(alone)")
        #expect(alone.stderr.contains("--instance applies to --samples"), "\(alone)")
        let folderOnly = try await fixture.run(["check", "--samples", "--mappers", "mappers"])
        #expect(folderOnly.status == 2, "\(folderOnly)")
        #expect(folderOnly.stderr.contains("--samples reads the store of a configuration"), "\(folderOnly)")
        try FileManager.default.removeItem(atPath: fixture.database)
        let noStore = try await fixture.run(["check", "--samples"])
        #expect(noStore.status == 1, "\(noStore)")
        #expect(!FileManager.default.fileExists(atPath: fixture.database), "a report never creates a database")
    }
}
