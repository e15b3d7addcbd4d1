import Foundation
import Testing
import Transforms

/// `intake test [DIR]` (SEMANTICS S133) on golden folders built in a temporary directory:
/// passing, failing with a diff, `"<any>"` masking, and args files it must refuse.
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first"))
struct CLITestCommandTests {
    static let mapper = """
        mapper: forms
        type: Phishing
        fields:
          name: $.title
          reporter: $.who
          answers: $.answers

        """
    static let types = "incident_types:\n  Phishing:\n    fields:\n      reporter: { type: email, required: true }\n"
    static let payload = #"{"title": "Hello", "who": "A@B.example", "answers": {"Ticket (if any)": "INC-1"}}"#

    /// What dry-run prints for `payload`, written by hand from S120 and S131.
    static func expected(name: String = "Hello", occurred: String = "\"2026-11-29T12:00:00Z\"", ticket: String = "\"INC-1\"") -> String {
        """
        [
          {
            "source": "one.json",
            "status": "mapped",
            "incident": {
              "type": "Phishing",
              "name": "\(name)",
              "occurred": \(occurred),
              "severity": 0,
              "fields": { "answers": { "Ticket (if any)": \(ticket) }, "reporter": "a@b.example" },
              "mapper": { "name": "forms", "version": 1 }
            }
          }
        ]
        """
    }

    static func folder(expected: String, args: String? = #"{"received_at": "2026-11-29T12:00:00Z"}"#) throws -> ScratchFolder {
        let folder = try ScratchFolder()
        try folder.write("mappers/forms.yaml", mapper)
        try folder.write("mappers/types.yaml", types)
        try folder.write("samples/forms/one.json", payload)
        try folder.write("samples/forms/one.expected.json", expected)
        if let args { try folder.write("samples/forms/one.args.json", args) }
        return folder
    }

    @Test func aPassingFolderExits0() throws {
        let folder = try Self.folder(expected: Self.expected())
        defer { folder.remove() }
        // A payload without an expected file is not a case.
        try folder.write("samples/forms/notes.json", "{}")
        let outcome = try IntakeBinary.run(["test", folder.path])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout == "1 passed, 0 failed\n", "\(outcome)")

        // DIR defaults to the current folder.
        let here = try IntakeBinary.run(["test"], in: folder.url)
        #expect(here.status == 0, "\(here)")
    }

    @Test func aFailingCaseExits1WithADiffNamingTheLocation() throws {
        let folder = try Self.folder(expected: Self.expected(name: "Goodbye", ticket: "\"INC-2\""))
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(["test", folder.path])
        #expect(outcome.status == 1, "\(outcome)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "FAIL samples/forms/one.json", "\(outcome)")
        #expect(lines.contains(#"  $[0].incident.name: expected "Goodbye", got "Hello""#), "\(outcome)")
        #expect(lines.contains(#"  $[0].incident.fields.answers['Ticket (if any)']: expected "INC-2", got "INC-1""#), "\(outcome)")
        #expect(lines.last == "0 passed, 1 failed")
    }

    @Test func missingAndUnexpectedKeysAreDifferences() throws {
        let expected = Self.expected().replacingOccurrences(of: #""severity": 0,"#, with: #""details": "x", "#)
        let folder = try Self.folder(expected: expected)
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(["test", folder.path])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stdout.contains(#"$[0].incident.details: missing, expected "x""#), "\(outcome)")
        #expect(outcome.stdout.contains("$[0].incident.severity: unexpected 0"), "\(outcome)")
    }

    /// Without `received_at`, `occurred` is the time of the run: `"<any>"` masks it, and the
    /// key must still be there.
    @Test func anyMasksAVolatileValue() throws {
        let folder = try Self.folder(expected: Self.expected(occurred: #""<any>""#), args: nil)
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(["test", folder.path])
        #expect(outcome.status == 0, "\(outcome)")

        try folder.write(
            "samples/forms/one.expected.json", Self.expected(occurred: #""<any>""#).replacingOccurrences(of: #""occurred""#, with: #""happened""#))
        let keyed = try IntakeBinary.run(["test", folder.path])
        #expect(keyed.status == 1, "\(keyed)")
        #expect(keyed.stdout.contains(#"$[0].incident.happened: missing, expected "<any>""#), "\(keyed)")
    }

    /// `mappers` picks the chain, `default_type` the instance type (this mapper has no `type:`),
    /// `headers` feed `header` steps.
    @Test func argsGiveTheChainTheTypeAndHeaders() throws {
        let expected = Self.expected()
            .replacingOccurrences(of: #""name": "Hello""#, with: #""name": "from h1""#)
            .replacingOccurrences(of: #""name": "forms""#, with: #""name": "headered""#)
        let folder = try Self.folder(
            expected: expected,
            args: #"{"mappers": ["headered"], "default_type": "Phishing", "received_at": "2026-11-29T12:00:00Z", "headers": ["X-Name: h1"]}"#)
        defer { folder.remove() }
        try folder.write(
            "mappers/headered.yaml",
            Self.mapper
                .replacingOccurrences(of: "mapper: forms", with: "mapper: headered")
                .replacingOccurrences(of: "type: Phishing\n", with: "")
                .replacingOccurrences(of: "name: $.title", with: "name: [ { header: x-name }, { replace: { pattern: '^', with: 'from ' } } ]"))
        let outcome = try IntakeBinary.run(["test", folder.path])
        #expect(outcome.status == 0, "\(outcome)")

        // Without the header the name has no value: the default mapping's name is not used.
        try folder.write(
            "samples/forms/one.args.json", #"{"mappers": ["headered"], "default_type": "Phishing", "received_at": "2026-11-29T12:00:00Z"}"#)
        let headerless = try IntakeBinary.run(["test", folder.path])
        #expect(headerless.status == 1, "\(headerless)")
        #expect(headerless.stdout.contains(#"$[0].incident.name: missing, expected "from h1""#), "\(headerless)")
    }

    @Test func anArgsFileWithAnUnknownKeyIsAnError() throws {
        let folder = try Self.folder(expected: Self.expected(), args: #"{"recieved_at": "2026-11-29T12:00:00Z"}"#)
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(["test", folder.path])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stdout.contains("ERROR samples/forms/one.json"), "\(outcome)")
        #expect(outcome.stdout.contains("one.args.json: unknown or mistyped key 'recieved_at'"), "\(outcome)")
        #expect(outcome.stdout.contains("received_at"), "the known keys are listed: \(outcome)")
    }

    @Test func anEmptyMapperListIsAnError() throws {
        let folder = try Self.folder(expected: Self.expected(), args: #"{"mappers": [], "received_at": "2026-11-29T12:00:00Z"}"#)
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(["test", folder.path])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stdout.contains("one.args.json: 'mappers' must be a non-empty list"), "\(outcome)")
    }

    @Test func anUnknownMapperInArgsIsAnError() throws {
        let folder = try Self.folder(expected: Self.expected(), args: #"{"mappers": ["nope"]}"#)
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(["test", folder.path])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stdout.contains("no mapper named 'nope'"), "\(outcome)")
    }

    /// A bad case does not hide the diffs of the others: every case runs, then exit 2.
    @Test func otherCasesStillRunBesideABadOne() throws {
        let folder = try Self.folder(expected: Self.expected(name: "Other"))
        defer { folder.remove() }
        try folder.write("samples/forms/two.json", Self.payload)
        try folder.write("samples/forms/two.expected.json", "[]")
        try folder.write("samples/forms/two.args.json", #"{"mappers": "forms"}"#)
        let outcome = try IntakeBinary.run(["test", folder.path])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stdout.contains("FAIL samples/forms/one.json"), "\(outcome)")
        #expect(outcome.stdout.contains("ERROR samples/forms/two.json"), "\(outcome)")
        #expect(outcome.stdout.hasSuffix("0 passed, 2 failed\n"), "\(outcome)")
    }

    @Test func aMapperFolderThatDoesNotLoadExits2() throws {
        let folder = try Self.folder(expected: Self.expected())
        defer { folder.remove() }
        try folder.write("mappers/forms.yaml", "mapper: forms\nfeilds: {}\n")
        let outcome = try IntakeBinary.run(["test", folder.path])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains("mappers/forms.yaml:2:1: unknown mapper key 'feilds'"), "\(outcome)")
        #expect(!outcome.stdout.contains("passed"))
    }

    @Test func aFolderWithoutSamplesExits2() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try folder.write("mappers/forms.yaml", Self.mapper)
        try folder.write("mappers/types.yaml", Self.types)
        let outcome = try IntakeBinary.run(["test", folder.path])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains("samples"), "\(outcome)")
    }

    @Test func updateRewritesADifferingExpectedFileAndKeepsItsMasks() throws {
        // The mapper changed the name; the expected file masks `occurred`.
        let folder = try Self.folder(expected: Self.expected(name: "Old name", occurred: "\"<any>\""))
        defer { folder.remove() }
        try folder.write("samples/other/two.json", Self.payload)
        try folder.write("samples/other/two.expected.json", Self.expected(name: "Wrong").replacingOccurrences(of: "one.json", with: "two.json"))
        let filtered = try IntakeBinary.run(["test", folder.path, "--update", "--filter", "forms/"])
        #expect(filtered.status == 0, "\(filtered)")
        #expect(filtered.stdout == "UPDATED samples/forms/one.json\n0 passed, 1 updated, 0 failed\n", "\(filtered)")
        let rewritten = try JSON.parse(String(contentsOf: folder.url.appendingPathComponent("samples/forms/one.expected.json"), encoding: .utf8))
        #expect(dig(try JSONSerialization.jsonObject(with: Data(rewritten.serialized().utf8)), 0, "incident", "name") as? String == "Hello")
        #expect(dig(try JSONSerialization.jsonObject(with: Data(rewritten.serialized().utf8)), 0, "incident", "occurred") as? String == "<any>")
        // The other case was filtered out: still failing, untouched.
        let all = try IntakeBinary.run(["test", folder.path])
        #expect(all.status == 1, "\(all)")
        #expect(all.stdout.contains("FAIL samples/other/two.json") && all.stdout.hasSuffix("1 passed, 1 failed\n"), "\(all)")
    }
}
