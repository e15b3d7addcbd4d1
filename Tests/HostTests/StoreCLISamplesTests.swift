import Foundation
import Testing
import Transforms

@testable import Host

/// `intake samples list|export` (SPEC §4, §10): kept payloads, and real traffic promoted to
/// `intake test` cases that pass.
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first: these tests run the intake binary"))
struct StoreCLISamplesTests {
    @Test func listPrintsTheKeptPayloadsNewestFirst() async throws {
        let fixture = try await StoreCLIFixture.make()
        defer { fixture.remove() }
        try await fixture.addSamples([#"{"title":"one","n":1.50}"#, #"{"title":"two"}"#, #"{"title":"three"}"#])
        let printed = try await fixture.runJSON(["samples", "list", "--config", fixture.config, "--instance", "forms", "--limit", "2"])
        let samples = try #require(printed.at("samples")?.arrayValue)
        #expect(samples.count == 2)
        #expect(samples[0].objectValue?.keys == ["id", "received", "headers", "payload"])
        #expect(samples.map { $0.at("id")?.stringValue } == ["s3", "s2"])
        #expect(samples[0].at("received") == "2026-11-18T11:06:42Z")
        #expect(samples[0].at("headers") == ["x-source": "sheet"])
        #expect(samples[0].at("payload") == ["title": "three"])

        let all = try await fixture.runJSON(["samples", "list", "--config", fixture.config, "--instance", "forms"])
        #expect(all.at("samples")?.at(2)?.at("payload")?.at("n") == 1.5)

        let none = try await fixture.runJSON(["samples", "list", "--config", fixture.config, "--instance", "other"])
        #expect(none == ["samples": []])

        let zero = try await fixture.run(["samples", "list", "--config", fixture.config, "--instance", "forms", "--limit", "0"])
        #expect(zero.status == 2)
    }

    @Test func exportWritesCasesThatIntakeTestAccepts() async throws {
        let fixture = try await StoreCLIFixture.make()
        defer { fixture.remove() }
        try await fixture.addSamples([
            #"{"title":"one","email":"a@example.com","priority":"P2"}"#,
            #"{"title":"two","priority":"P2"}"#,
        ])
        // A project folder as `intake test` reads it: mappers/ and samples/.
        let project = fixture.folder.appendingPathComponent("project")
        let manager = FileManager.default
        try manager.createDirectory(at: project, withIntermediateDirectories: true)
        try manager.copyItem(at: fixture.mappers, to: project.appendingPathComponent("mappers"))
        let cases = project.appendingPathComponent("samples/forms")

        let printed = try await fixture.runJSON([
            "samples", "export", "--config", fixture.config, "--instance", "forms", "--as-tests", cases.path,
        ])
        #expect(printed.at("exported")?.arrayValue?.count == 2)

        let names = try manager.contentsOfDirectory(atPath: cases.path).sorted()
        #expect(names == ["s1.args.json", "s1.expected.json", "s1.json", "s2.args.json", "s2.expected.json", "s2.json"])
        let payload = try JSON.parse(String(contentsOf: cases.appendingPathComponent("s1.json"), encoding: .utf8))
        #expect(payload == ["title": "one", "email": "a@example.com", "priority": "P2"])
        let arguments = try JSON.parse(String(contentsOf: cases.appendingPathComponent("s1.args.json"), encoding: .utf8))
        #expect(arguments == ["mappers": ["forms"], "default_type": "Unclassified", "headers": ["x-source: sheet"]])
        let expected = try JSON.parse(String(contentsOf: cases.appendingPathComponent("s1.expected.json"), encoding: .utf8))
        #expect(expected.at(0)?.at("source") == "s1.json")
        #expect(expected.at(0)?.at("incident")?.at("occurred") == "<any>", "occurred came from the time received")
        #expect(expected.at(0)?.at("incident")?.at("fields")?.at("priority") == "normal")
        #expect(expected.at(0)?.at("incident")?.at("fields")?.at("channel") == "sheet")
        let failing = try JSON.parse(String(contentsOf: cases.appendingPathComponent("s2.expected.json"), encoding: .utf8))
        #expect(failing.at(0)?.at("status") == "quarantined")

        let test = try IntakeBinary.run(["test", project.path])
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
        #expect(test.stdout.contains("2 passed, 0 failed"), "\(test.stdout)")

        // The cases guard today's behaviour: a changed table makes one fail.
        try StoreCLIFixture.write(StoreCLIFixture.mapperFixed, to: project.appendingPathComponent("mappers/forms.yaml").path)
        let after = try IntakeBinary.run(["test", project.path])
        #expect(after.status == 1, "\(after.stdout)")
        #expect(after.stdout.contains("FAIL samples/forms/s1.json"), "\(after.stdout)")
    }

    @Test func exportRefusesAnInstanceWithoutAChain() async throws {
        let fixture = try await StoreCLIFixture.make()
        defer { fixture.remove() }
        let folder = fixture.folder.appendingPathComponent("out").path
        let result = try await fixture.run(["samples", "export", "--config", fixture.config, "--instance", "other", "--as-tests", folder])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no mapper chain"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}
