import Foundation
import Testing
import Transforms

@testable import Host

/// A `dedup` template with a typo must never swallow reports (SPEC §12 "Dedup templates",
/// SEMANTICS S26, S76): a part with no value gives no key, so every report is stored; a real
/// duplicate names the key that matched and is counted per instance; `intake check` points at
/// the typo with the name it probably meant.
@Suite struct DedupTemplateTests {
    /// The tutorial's mapper with the two typos of the issue: `rowstart` for `rowStart` in the
    /// key and `reportr` for `reporter` in the name.
    static func mapper(_ name: String) -> String {
        """
        mapper: \(name)
        type: Phishing
        dedup: [ { template: "{{ $.range.rowstart }}/{{ $.responseId }}" } ]
        fields:
          reporter: $.email
          name: [ { template: "Phishing: concern from {{ reportr }}" } ]
        """
    }

    @Test func aKeyWithAPartMissingStoresEveryReportAndAFullKeyAnswersDuplicateWithIt() async throws {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let instance = "dedup-\(suffix)"
        let config = """
            instances:
              - name: \(instance)
                auth: none
                mappers: [typo-\(suffix)]
            """
        try await TestServer.with(
            config,
            prepare: { folder in
                try Self.mapper("typo-\(suffix)").write(
                    to: folder.appendingPathComponent("mappers/typo-\(suffix).yaml"), atomically: true, encoding: .utf8)
            }
        ) { server in
            let path = "/instance/execute/\(instance)"
            // `rowStart` is what the sender spells; the mapper's `rowstart` finds nothing.
            var ids: [String] = []
            for response in ["r1", "r2", "r3"] {
                let answer = try await TestHTTP.post(
                    port: server.port, path, json: #"{"range": {"rowStart": 2}, "responseId": "\#(response)", "email": "a@example.com"}"#)
                #expect(answer.status == 200, "\(answer)")
                let element = try #require(answer.json?.arrayValue?.first?.objectValue)
                #expect(element["status"] == "created", "\(answer)")
                #expect(element["dedup_key"] == nil, "\(answer)")
                ids += element["id"]?.stringValue.map { [$0] } ?? []
            }
            #expect(Set(ids).count == 3)
            let stored = try await server.incidents()
            #expect(stored.count == 3)
            #expect(stored.allSatisfy { $0.dedupKey == nil })

            // Where every part has a value the key works as before, and the duplicate says which key.
            let full = #"{"range": {"rowstart": 7}, "responseId": "r9", "email": "b@example.com"}"#
            let first = try await TestHTTP.post(port: server.port, path, json: full)
            let again = try await TestHTTP.post(port: server.port, path, json: full)
            let created = try #require(first.json?.arrayValue?.first?.objectValue)
            let duplicate = try #require(again.json?.arrayValue?.first?.objectValue)
            #expect(created["status"] == "created")
            #expect(created["dedup_key"] == nil, "only a duplicate names its key: \(first)")
            #expect(duplicate["status"] == "duplicate")
            #expect(duplicate["id"] == created["id"])
            #expect(duplicate["dedup_key"] == "7/r9", "\(again)")

            let metrics = PrometheusText(try await TestHTTP.send(port: server.port, "GET", "/metrics", body: "").text)
            #expect(metrics.value(#"intake_incidents_total{instance="\#(instance)",type="Phishing",status="created"}"#) == 4)
            #expect(metrics.value(#"intake_incidents_total{instance="\#(instance)",type="Phishing",status="duplicate"}"#) == 1)
        }
    }

    @Test(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first"))
    func dryRunShowsNoKeyAndWhichPartHadNoValue() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try folder.write("mappers/typo.yaml", Self.mapper("typo"))
        try folder.write("mappers/types.yaml", "incident_types:\n  Phishing:\n    fields:\n      reporter: email\n")
        try folder.write("report.json", #"{"range": {"rowStart": 2}, "responseId": "r1", "email": "a@example.com"}"#)
        let outcome = try IntakeBinary.run(["dry-run", "--mappers", "mappers", "--mapper", "typo", "--explain", "report.json"], in: folder.url)
        #expect(outcome.status == 0, "\(outcome)")
        let element = try #require(try elements(outcome).first)
        #expect(dig(element, "incident", "dedup_key") == nil, "\(outcome)")
        #expect(dig(element, "incident", "name") as? String == "Phishing: concern from ", "a name still renders the empty part (S26)")
        let step = dig(element, "trace", "dedup", "steps", 0) as? [String: Any]
        #expect(step?["parts_without_value"] as? [String] == ["{{ $.range.rowstart }}"], "\(outcome)")
    }

    @Test(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first"))
    func checkFlagsUnknownNamesWithTheNameMeant() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try folder.write(
            "mappers/typo.yaml",
            """
            mapper: typo
            type: [ $.kind, { lookup: { phish: Phishing, spam: Phising, other: Unclassified } } ]
            dedup: [ { field: reporters } ]
            fields:
              reporter: $.email
              name: [ { template: "Phishing: concern from {{ reportr }} about {{ subject }}" } ]
              subject: $.subject
              occured: $.when
            """)
        try folder.write(
            "mappers/types.yaml",
            """
            incident_types:
              Phishing:
                fields:
                  reporter: email
                  subject: string
              Unclassified: {}
            """)
        let outcome = try IntakeBinary.run(["check", "--mappers", "mappers"], in: folder.url)
        #expect(outcome.status == 0, "warnings only: \(outcome)")
        let lines = outcome.stderrLines
        let expected: [(location: String, phrases: [String])] = [
            ("mappers/typo.yaml:2:52", ["'Phising'", "did you mean 'Phishing'?"]),
            ("mappers/typo.yaml:6:23", ["fields.name", "reads field 'reportr', which this mapper does not map", "did you mean 'reporter'?"]),
            ("mappers/typo.yaml:6:23", ["fields.name", "reads field 'subject', which is not mapped before it"]),
            ("mappers/typo.yaml:3:19", ["dedup", "reads field 'reporters'", "did you mean 'reporter'?"]),
            ("mappers/typo.yaml:8:3", ["fields.occured", "did you mean 'occurred'?"]),
        ]
        for (location, phrases) in expected {
            #expect(
                lines.contains { line in line.hasPrefix("warning: \(location): ") && phrases.allSatisfy(line.contains) },
                "no warning at \(location) with \(phrases): \(outcome)")
        }
        #expect(lines.count == expected.count, "\(outcome)")
        #expect(outcome.stdout.hasSuffix("\(expected.count) warnings\n"), "\(outcome)")
    }
}
