import Foundation
import Testing

/// `intake check --mappers DIR` on real folders (SPEC §9, SEMANTICS S6–S8, S14, S75): each kind
/// of mapper mistake exits 2 with one `file:line:column: message` line that points at the text
/// to edit and says what is wrong; reasoning about a sound folder exits 0 with warnings.
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first"))
struct CLICheckTests {
    /// One mistake: the files of `mappers/`, and the single error line it must produce.
    struct Mistake: Sendable, CustomTestStringConvertible {
        var name: String
        var files: [String: String]
        /// `mappers/FILE:LINE:COLUMN`, exactly.
        var location: String
        /// Phrases the message must contain: what is wrong and, where the engine knows, the fix.
        var phrases: [String]
        var testDescription: String { name }
    }

    static let mistakes: [Mistake] = [
        Mistake(
            name: "bad JSONPath",
            files: ["a.yaml": "mapper: a\nfields:\n  name: $.foo[\n"],
            location: "mappers/a.yaml:3:15",
            phrases: ["fields.name", "invalid JSONPath '$.foo['", "byte 6", "expected a selector"]),
        // The column is the bad character's, inside the quotes and past the escapes.
        Mistake(
            name: "bad JSONPath, double-quoted with escapes",
            files: ["a.yaml": "mapper: a\nfields:\n  name: \"$.a[\\\"b\\\"][?@.x == ]\"\n"],
            location: "mappers/a.yaml:3:29",
            phrases: ["fields.name", "byte 17", "expected a value after '=='"]),
        Mistake(
            name: "bad JSONPath in a single-quoted when",
            files: ["a.yaml": "mapper: a\nwhen: { path: '$.a[''b'']..[0', exists: true }\n"],
            location: "mappers/a.yaml:2:28",
            phrases: ["when", "byte 10", "unclosed '['"]),
        Mistake(
            name: "backslash escape in a double-quoted regex",
            files: ["a.yaml": "mapper: a\nfields:\n  ticket: [ $.t, { regex: \"INC-\\d+\" } ]\n"],
            location: "mappers/a.yaml:3:32",
            phrases: ["unknown escape character", "write a regex in single quotes", "('INC-\\d+')"]),
        Mistake(
            name: "unquoted JSONPath with brackets in a flow list",
            files: ["a.yaml": "mapper: a\nfields:\n  name: [ $.namedValues[\"Summary\"][0], trim ]\n"],
            location: "mappers/a.yaml:3:24",
            phrases: ["did not find expected ',' or ']'", "quote a JSONPath", "[ \"$.a['b'][0]\", trim ]"]),
        Mistake(
            name: "an option written as a step of its own",
            files: ["a.yaml": "mapper: a\ntype:\n  - path: $.kind\n  - lookup: { phish: Phishing }\n  - ignore_case: true\n"],
            location: "mappers/a.yaml:5:5",
            phrases: ["type: step 3", "'ignore_case' is not a step but an option of 'lookup' (step 2)", "move it into step 2's map"]),
        Mistake(
            name: "bad regex, with its offset",
            files: ["a.yaml": "mapper: a\nfields:\n  ticket: [ $.x, { regex: 'INC-(?<num>\\d+' } ]\n"],
            location: "mappers/a.yaml:3:27",
            phrases: ["fields.ticket", "step 2 (regex)", "invalid pattern at byte 14", "missing closing parenthesis"]),
        Mistake(
            name: "unknown step, with a did-you-mean",
            files: ["a.yaml": "mapper: a\nfields:\n  name: [ $.x, trimm ]\n"],
            location: "mappers/a.yaml:3:16",
            phrases: ["fields.name", "unknown step 'trimm'", "did you mean 'trim'?"]),
        Mistake(
            name: "unknown mapper key feilds",
            files: ["a.yaml": "mapper: a\nfeilds:\n  name: $.x\n"],
            location: "mappers/a.yaml:2:1",
            phrases: ["unknown mapper key 'feilds'", "did you mean 'fields'?"]),
        Mistake(
            name: "split separator of the wrong type",
            files: ["a.yaml": "mapper: a\nfields:\n  tags: [ $.x, { split: { on: [1] } } ]\n"],
            location: "mappers/a.yaml:3:31",
            phrases: ["fields.tags", "step 2 (split)", "separator must be a scalar, not a list"]),
        Mistake(
            name: "lookup table of the wrong type",
            files: ["a.yaml": "mapper: a\nfields:\n  severity: [ $.x, { lookup: 3 } ]\n"],
            location: "mappers/a.yaml:3:30",
            phrases: ["fields.severity", "step 2 (lookup)", "table must be a map", "not a number"]),
        Mistake(
            name: "constant type naming an undeclared type",
            files: [
                "a.yaml": "mapper: a\ntype: Phish\nfields:\n  name: $.x\n",
                "types.yaml": "incident_types:\n  Phishing: {}\n",
            ],
            location: "mappers/a.yaml:2:7",
            phrases: ["type: 'Phish' is not a declared incident type", "Phishing", "Unclassified"]),
        Mistake(
            name: "bad date pattern letter",
            files: ["a.yaml": "mapper: a\nfields:\n  occurred: [ $.x, { date: \"yyyy-MM-dd Q\" } ]\n"],
            location: "mappers/a.yaml:3:28",
            phrases: ["fields.occurred", "step 2 (date)", "unknown pattern letter 'Q' at byte 11", "quote literal text"]),
        Mistake(
            name: "unknown time zone",
            files: ["a.yaml": "mapper: a\nfields:\n  occurred: [ $.x, { date: \"yyyy-MM-dd\", timezone: Mars/Olympus } ]\n"],
            location: "mappers/a.yaml:3:52",
            phrases: ["fields.occurred", "unknown time zone 'Mars/Olympus'", "IANA name"]),
        Mistake(
            name: "duplicate YAML key",
            files: ["a.yaml": "mapper: a\nfields:\n  name: $.x\n  name: $.y\n"],
            location: "mappers/a.yaml:4:3",
            phrases: ["duplicate key 'name'", "first at line 3"]),
        Mistake(
            name: "an alias",
            files: ["a.yaml": "mapper: a\nfields:\n  name: &n $.x\n  details: *n\n"],
            location: "mappers/a.yaml:4:12",
            phrases: ["aliases are not supported", "write the value out"]),
        Mistake(
            name: "types file with an unknown field type",
            files: [
                "a.yaml": "mapper: a\nfields:\n  name: $.x\n",
                "types.yaml": "incident_types:\n  Phishing:\n    fields:\n      reporter: emial\n",
            ],
            location: "mappers/types.yaml:4:17",
            phrases: ["incident_types.Phishing.fields.reporter", "unknown field type 'emial'", "email"]),
        Mistake(
            name: "two mappers with one name",
            files: [
                "a.yaml": "mapper: forms\nfields:\n  name: $.x\n",
                "b.yaml": "# a copy\nmapper: forms\nfields:\n  name: $.y\n",
            ],
            location: "mappers/b.yaml:2:9",
            phrases: ["mapper 'forms' is declared twice", "first at mappers/a.yaml:1:9"]),
    ]

    static func check(_ files: [String: String], in folder: ScratchFolder) throws -> IntakeBinary.Outcome {
        for (name, text) in files { try folder.write("mappers/\(name)", text) }
        return try IntakeBinary.run(["check", "--mappers", "mappers"], in: folder.url)
    }

    @Test(arguments: mistakes)
    func aMistakeExits2WithFileLineColumn(_ mistake: Mistake) throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let outcome = try Self.check(mistake.files, in: folder)
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stdout.isEmpty, "\(outcome)")
        let lines = outcome.stderrLines
        #expect(lines.count == 1, "one mistake, one line: \(outcome)")
        let line = try #require(lines.first)
        #expect(line.hasPrefix(mistake.location + ": "), "expected at \(mistake.location): \(line)")
        for phrase in mistake.phrases {
            #expect(line.contains(phrase), "missing '\(phrase)' in: \(line)")
        }
    }

    @Test func everyMistakeOfAFolderIsListedInOneRun() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let outcome = try Self.check(
            [
                "a.yaml": "mapper: a\nfields:\n  name: [ $.x, trimm ]\n  urls: [ $.y, { extract: urls } ]\n",
                "b.yaml": "mapper: b\nfeilds: {}\n",
            ], in: folder)
        #expect(outcome.status == 2)
        let lines = outcome.stderrLines
        #expect(lines.count == 3, "\(outcome)")
        #expect(lines.contains { $0.hasPrefix("mappers/a.yaml:3:16: ") && $0.contains("'trimm'") }, "\(outcome)")
        #expect(lines.contains { $0.hasPrefix("mappers/a.yaml:4:") && $0.contains("urls") }, "\(outcome)")
        #expect(lines.contains { $0.hasPrefix("mappers/b.yaml:2:1: ") && $0.contains("feilds") }, "\(outcome)")
    }

    @Test func aSoundFolderExits0() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let outcome = try Self.check(
            [
                "a.yaml": "mapper: a\ntype: Phishing\nfields:\n  reporter: $.who\n",
                "types.yaml": "incident_types:\n  Phishing:\n    fields:\n      reporter: { type: email, required: true }\n",
            ], in: folder)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stderr.isEmpty, "\(outcome)")
        #expect(outcome.stdout.contains("1 mapper,"), "\(outcome)")
        #expect(outcome.stdout.contains("0 warnings"), "\(outcome)")
    }

    /// A lookup whose results are type names, one of which no file declares, and a field no
    /// selectable type declares: both are warnings (exit 0) pointing at the text to fix.
    @Test func undeclaredLookupTypesAndFieldsAreWarnings() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let outcome = try Self.check(
            [
                "a.yaml": """
                mapper: a
                type:
                  - path: $.kind
                  - lookup: { phish: Phishing, lost: Lost Device }
                  - default: Unclassified
                fields:
                  name: $.title
                  reporter: $.who
                  colour: $.colour

                """,
                "types.yaml": "incident_types:\n  Phishing:\n    fields:\n      reporter: email\n",
            ], in: folder)
        #expect(outcome.status == 0, "\(outcome)")
        let warnings = outcome.stderrLines
        #expect(warnings.count == 2, "\(outcome)")
        let type = try #require(warnings.first { $0.contains("Lost Device") }, "\(outcome)")
        #expect(type.hasPrefix("warning: mappers/a.yaml:4:38: "), "\(type)")
        #expect(type.contains("names no declared incident type"))
        let field = try #require(warnings.first { $0.contains("colour") }, "\(outcome)")
        #expect(field.hasPrefix("warning: mappers/a.yaml:9:3: "), "\(field)")
        #expect(field.contains("no incident type this mapper can select declares 'colour'"))
        #expect(outcome.stdout.contains("2 warnings"), "\(outcome)")
    }

    /// SPEC §5 "Presets": a misspelt preset is one `file:line:column` line listing the known
    /// ones; the preset line with one secret is a whole, valid auth.
    @Test func anUnknownPresetListsTheKnownOnes() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try folder.write("mappers/a.yaml", "mapper: a\nfields:\n  name: $.x\n")
        let config = "mappers: mappers\ninstances:\n  - name: payments\n    auth: { hmac: { preset: strpe, secret: whsec_x } }\n"
        try folder.write("intake.yaml", config)
        let outcome = try IntakeBinary.run(["check", "--config", "intake.yaml"], in: folder.url)
        #expect(outcome.status == 2, "\(outcome)")
        #expect(
            outcome.stderrLines == [
                "intake.yaml:4:29: instances[0].auth.hmac.preset: unknown preset 'strpe' (known presets: github, slack, stripe, standard-webhooks, typeform, shopify)"
            ], "\(outcome)")
        try folder.write("intake.yaml", config.replacingOccurrences(of: "strpe", with: "stripe"))
        let fixed = try IntakeBinary.run(["check", "--config", "intake.yaml"], in: folder.url)
        #expect(fixed.status == 0, "\(fixed)")
    }

    /// S40: `lookup: {table: Phishing, lost: Lost Device}` has a `table` key that is not a map,
    /// so it is a plain table of two entries, and both values are selectable types. The check
    /// asks the compiled lookup, so it sees the undeclared `Lost Device` the engine can select.
    @Test func aTableKeyThatIsNotAMapIsCheckedAsThePlainTableTheEngineRuns() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let outcome = try Self.check(
            [
                "a.yaml": "mapper: a\ntype: [ $.kind, { lookup: { table: Phishing, lost: Lost Device } } ]\nfields:\n  name: $.title\n",
                "types.yaml": "incident_types:\n  Phishing: {}\n",
            ], in: folder)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stderrLines.count == 1, "\(outcome)")
        #expect(outcome.stdout.hasSuffix(", 1 warning\n"), "one warning is '1 warning': \(outcome)")
        let warning = try #require(outcome.stderrLines.first)
        #expect(
            warning.hasPrefix("warning: mappers/a.yaml:2:52: type: 'Lost Device' can be selected but names no declared incident type"), "\(warning)")
    }

    /// Issue 13: a dedup path with a typo (`rowstart` for `rowStart`) gives no key, so every
    /// report is stored; `intake check` shows it on the example payloads of `samples/` beside
    /// the mappers folder, at the part's place, with the member the payloads do have.
    @Test func aDedupPartWithNoValueInTheSamplePayloadsIsAWarning() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let mapper = "mapper: a\ntype: Phishing\ndedup: [ { template: \"row-{{ $.range.rowstart }}\" } ]\nfields:\n  name: $.title\n"
        try folder.write("samples/forms/one.json", #"{"title": "One", "range": {"rowStart": 4}}"#)
        try folder.write("samples/forms/two.json", #"{"title": "Two", "range": {"rowStart": 5}}"#)
        try folder.write("samples/forms/two.expected.json", "[]")
        let outcome = try Self.check(["a.yaml": mapper, "types.yaml": "incident_types:\n  Phishing: {}\n"], in: folder)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(
            outcome.stderrLines == [
                "warning: mappers/a.yaml:3:27: dedup: '{{ $.range.rowstart }}' has no value in samples/forms/one.json and 1 more "
                    + "(did you mean '$.range.rowStart'?), so such payloads get no dedup key and a retried delivery is stored twice; fix the path"
            ], "\(outcome)")
        #expect(outcome.stdout.hasSuffix("1 warning\n"), "\(outcome)")

        let fixed = try Self.check(["a.yaml": mapper.replacingOccurrences(of: "rowstart", with: "rowStart")], in: folder)
        #expect(fixed.stderr.isEmpty, "the right path is silent: \(fixed)")
    }

    /// Fields read by name where they can only be missing (S16): mapped later, mapped nowhere,
    /// read by `type` before any field exists, or by `dedup` but never mapped. Reading a field
    /// mapped earlier is silent.
    @Test func fieldsReadWhereTheyCanOnlyBeMissingAreWarnings() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let outcome = try Self.check(
            [
                "a.yaml": """
                mapper: a
                type: [ { template: "{{ kind }}" }, { default: Phishing } ]
                dedup: [ { template: "{{ reporter }}/{{ ticket }}" } ]
                fields:
                  name: [ { template: "{{ reporter }} reported {{ summary }}" } ]
                  reporter: $.who
                  details: [ { field: reporter } ]
                  severity: [ { if: { when: { exists: true }, then: [ { field: nope } ] } } ]

                """,
                "types.yaml": "incident_types:\n  Phishing:\n    fields:\n      reporter: email\n",
            ], in: folder)
        #expect(outcome.status == 0, "\(outcome)")
        let warnings = outcome.stderrLines
        #expect(
            warnings == [
                "warning: mappers/a.yaml:2:21: type: reads field 'kind', but type runs before any field is mapped, so it is always missing; read the payload with a path instead",
                "warning: mappers/a.yaml:5:23: fields.name: reads field 'reporter', which is not mapped before it (fields map in file order), so it is always missing; move fields.reporter above fields.name",
                "warning: mappers/a.yaml:5:23: fields.name: reads field 'summary', which this mapper does not map, so it is always missing; map it or fix the name",
                "warning: mappers/a.yaml:8:64: fields.severity: reads field 'nope', which this mapper does not map, so it is always missing; map it or fix the name",
                "warning: mappers/a.yaml:3:22: dedup: reads field 'ticket', which this mapper does not map, so it is always missing; map it or fix the name",
            ], "\(outcome)")
        #expect(outcome.stdout.contains("5 warnings"), "\(outcome)")
    }

    @Test func aMissingFolderExits2() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(["check", "--mappers", "nowhere"], in: folder.url)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("nowhere:1:1: "), "\(outcome)")
        #expect(outcome.stderr.contains("cannot read the mappers folder"), "\(outcome)")
    }
}
