import Foundation
import Testing

/// `intake dry-run --explain` (SPEC §9): for every mapped field, the steps run with each step's
/// input and output, the JSONPath nodes matched and the regex groups. Run on the real Google
/// Forms (Sheets trigger) sample with the conformance suite's mapper and types.
@Suite(
    .enabled(if: IntakeBinary.isBuilt, "run `swift build` first"),
    .enabled(
        if: IntakeBinary.hasShared("samples/google_forms/sheets_trigger_phishing.json"),
        IntakeBinary.sharedAbsent("samples/google_forms/sheets_trigger_phishing.json")),
    .enabled(
        if: IntakeBinary.hasShared("conformance/mapping/mappers/google-forms-sheets.yaml"),
        IntakeBinary.sharedAbsent("conformance/mapping/mappers/google-forms-sheets.yaml")))
struct CLIExplainTests {
    static let sample = IntakeBinary.shared("samples/google_forms/sheets_trigger_phishing.json")

    /// A folder with `mappers/` (the Sheets mapper and the types) and the sample beside it,
    /// and optionally a copy of the sample with edits.
    static func folder() throws -> ScratchFolder {
        let folder = try ScratchFolder()
        let mappers = IntakeBinary.shared("conformance/mapping/mappers")
        try folder.copy(mappers.appendingPathComponent("google-forms-sheets.yaml"), to: "mappers/google-forms-sheets.yaml")
        try folder.copy(mappers.appendingPathComponent("types.yaml"), to: "mappers/types.yaml")
        try folder.copy(sample, to: "phishing.json")
        return folder
    }

    static func explain(_ payload: String, in folder: ScratchFolder) throws -> (IntakeBinary.Outcome, [String: Any]) {
        let outcome = try IntakeBinary.run(
            ["dry-run", "--explain", "--received-at", "2026-11-29T12:00:00Z", payload], in: folder.url)
        let element = try elements(outcome).first ?? [:]
        return (outcome, element)
    }

    static func steps(_ element: [String: Any], _ place: String...) -> [[String: Any]] {
        var value: Any? = dig(element, "trace")
        for key in place { value = dig(value, key) }
        return (dig(value, "steps") as? [Any])?.compactMap { $0 as? [String: Any] } ?? []
    }

    @Test func everyFieldHasATraceOfItsSteps() throws {
        let folder = try Self.folder()
        defer { folder.remove() }
        let (outcome, element) = try Self.explain("phishing.json", in: folder)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(dig(element, "trace", "mapper") as? String == "google-forms-sheets")
        let traced = try #require(dig(element, "trace", "fields") as? [String: Any])
        // Every field of the mapper, in the incident or not (ticket has no value here).
        #expect(Set(traced.keys) == ["name", "occurred", "severity", "reporter", "urls", "ticket", "systems", "details"])

        // Each mapped value is the trace's `value`: built-ins at the top, the rest under `fields`.
        let incident = try #require(element["incident"] as? [String: Any])
        var mapped: [String: Any] = (incident["fields"] as? [String: Any]) ?? [:]
        for key in ["name", "occurred", "severity", "details"] { mapped[key] = incident[key] }
        #expect(Set(mapped.keys) == ["name", "occurred", "severity", "details", "reporter", "urls", "systems"])
        for (field, value) in mapped {
            let trace = try #require(traced[field] as? [String: Any], "no trace for \(field)")
            #expect(trace["value"].map { "\($0)" } == "\(value)", "fields.\(field)")
            let steps = Self.steps(element, "fields", field)
            #expect(!steps.isEmpty, "fields.\(field) has no steps")
            for (index, step) in steps.enumerated() {
                #expect(step["step"] is String, "fields.\(field) step \(index + 1)")
                #expect(step["output"] != nil, "fields.\(field) step \(index + 1) has no output")
                if index > 0 {
                    #expect(step["input"] != nil, "fields.\(field) step \(index + 1) has no input")
                    #expect("\(step["input"] ?? "")" == "\(steps[index - 1]["output"] ?? "")", "fields.\(field): input is the last output")
                }
                if step["step"] as? String == "path" {
                    #expect((step["nodes"] as? [String])?.count == 1, "fields.\(field): path step without its node")
                }
            }
        }
    }

    @Test func pathStepsNameTheNodesMatched() throws {
        let folder = try Self.folder()
        defer { folder.remove() }
        let (_, element) = try Self.explain("phishing.json", in: folder)
        let reporter = Self.steps(element, "fields", "reporter")
        #expect(reporter.count == 1)
        #expect(reporter.first?["step"] as? String == "path")
        #expect(reporter.first?["argument"] as? String == #"$.namedValues["Email Address"][0]"#)
        #expect(reporter.first?["nodes"] as? [String] == ["$['namedValues']['Email Address'][0]"])
        #expect(reporter.first?["output"] as? String == "Alice.Nguyen@Example.com")
        // The value is after coercion to the type's `email`: lower-cased.
        #expect(dig(element, "trace", "fields", "reporter", "value") as? String == "alice.nguyen@example.com")

        #expect(Self.steps(element, "fields", "details").first?["nodes"] as? [String] == ["$['namedValues']['Description'][0]"])
        #expect(Self.steps(element, "fields", "ticket").first?["nodes"] as? [String] == ["$['namedValues']['Ticket (if any)'][0]"])
        // A template's `{{ $… }}` parts are path nodes too.
        let dedup = Self.steps(element, "dedup")
        #expect(dedup.first?["nodes"] as? [String] == ["$['range']['rowStart']"])
        #expect(dig(element, "trace", "dedup", "value") as? String == "sheet-row-42")
    }

    @Test func eachStepShowsItsInputAndOutput() throws {
        let folder = try Self.folder()
        defer { folder.remove() }
        let (_, element) = try Self.explain("phishing.json", in: folder)

        let name = Self.steps(element, "fields", "name")
        #expect(name.map { $0["step"] as? String } == ["path", "trim"])
        #expect(name.last?["input"] as? String == "  Suspicious invoice email asking to re-enter SSO password ")
        #expect(name.last?["output"] as? String == "Suspicious invoice email asking to re-enter SSO password")

        let occurred = Self.steps(element, "fields", "occurred")
        #expect(occurred.map { $0["step"] as? String } == ["path", "date"])
        #expect(dig(occurred.last, "argument", "format") as? String == "M/d/yyyy H:mm:ss")
        #expect(dig(occurred.last, "argument", "timezone") as? String == "America/New_York")
        #expect(occurred.last?["input"] as? String == "11/28/2026 14:03:12")
        #expect(occurred.last?["output"] as? String == "2026-11-28T19:03:12Z")

        let severity = Self.steps(element, "fields", "severity")
        #expect(severity.map { $0["step"] as? String } == ["path", "lookup", "default"])
        #expect(severity[1]["input"] as? String == "High")
        #expect(severity[1]["entry"] as? String == "High", "the lookup entry used")
        #expect(severity[1]["output"] as? Int == 3)

        let urls = Self.steps(element, "fields", "urls")
        #expect(urls.last?["output"] as? [String] == ["https://examp1e-payments.com/login?session=8812", "http://198.51.100.23/sso"])

        let systems = Self.steps(element, "fields", "systems")
        #expect(systems.map { $0["step"] as? String } == ["path", "split", "compact"])
        #expect(systems[1]["output"] as? [String] == ["Email", "Laptop"])

        let type = Self.steps(element, "type")
        #expect(type.map { $0["step"] as? String } == ["path", "lookup", "default"])
        #expect(type.first?["nodes"] as? [String] == ["$['namedValues']['Incident type'][0]"])
        #expect(type[1]["entry"] as? String == "Phishing email")
        #expect(dig(element, "trace", "type", "value") as? String == "Phishing")
    }

    /// The sample's ticket answer is `""`: the regex step is passed no value and the field is
    /// left out; the trace shows that, with no value and no groups.
    @Test func anUnansweredQuestionShowsWhyTheFieldIsAbsent() throws {
        let folder = try Self.folder()
        defer { folder.remove() }
        let (_, element) = try Self.explain("phishing.json", in: folder)
        #expect(dig(element, "incident", "fields", "ticket") == nil)
        let ticket = Self.steps(element, "fields", "ticket")
        #expect(ticket.map { $0["step"] as? String } == ["path", "regex"])
        #expect(ticket.first?["output"] as? String == "")
        #expect(ticket.last?["input"] as? String == "")
        #expect(ticket.last?["output"] == nil)
        #expect(dig(element, "trace", "fields", "ticket", "value") == nil)
    }

    @Test func theRegexStepShowsItsGroups() throws {
        let folder = try Self.folder()
        defer { folder.remove() }
        let text = try String(contentsOf: Self.sample, encoding: .utf8)
            .replacingOccurrences(of: #""Ticket (if any)": [""]"#, with: #""Ticket (if any)": ["see INC-4411, then INC-77"]"#)
        try folder.write("with-ticket.json", text)
        let (outcome, element) = try Self.explain("with-ticket.json", in: folder)
        #expect(outcome.status == 0, "\(outcome)")
        let regex = try #require(Self.steps(element, "fields", "ticket").last)
        #expect(regex["step"] as? String == "regex")
        #expect(regex["argument"] as? String == #"INC-(?<num>\d+)"#)
        #expect(regex["input"] as? String == "see INC-4411, then INC-77")
        #expect(regex["groups"] as? [[String]] == [["INC-4411", "4411"]])
        #expect(regex["output"] as? [String: String] == ["num": "4411"])
        #expect(dig(element, "incident", "fields", "ticket", "num") as? String == "4411")
    }

    /// S131: two-space indentation and `/` not escaped, so URLs read as written.
    @Test func theOutputIsTwoSpaceIndentedWithSlashesUnescaped() throws {
        let folder = try Self.folder()
        defer { folder.remove() }
        let (outcome, _) = try Self.explain("phishing.json", in: folder)
        #expect(
            outcome.stdout.hasPrefix(
                "[\n  {\n    \"source\": \"phishing.json\",\n    \"status\": \"mapped\",\n    \"incident\": {\n      \"type\": \"Phishing\",\n"))
        #expect(outcome.stdout.contains("\"https://examp1e-payments.com/login?session=8812\""))
        #expect(!outcome.stdout.contains(#"\/"#))
        #expect(!outcome.stdout.contains("\t"))
        for line in outcome.stdout.split(separator: "\n") {
            let indent = line.prefix { $0 == " " }.count
            #expect(indent % 2 == 0, "odd indentation: \(line)")
        }
        #expect(outcome.stdout.hasSuffix("]\n"))
    }
}
