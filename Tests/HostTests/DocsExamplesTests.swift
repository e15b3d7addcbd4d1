import Foundation
import Testing
import Transforms

/// Keeps the mapper documentation honest: every example under `docs/examples` passes
/// `intake test` on the built binary, every built-in step has a heading and an example, and
/// the documents show each example exactly as it is on disk.
///
/// The examples are the documentation's evidence, so a new step without docs, an example
/// whose output drifted from the engine, or a document quoting a stale output all fail here.
/// `python3 docs/examples/sync.py --write` regenerates expected files and document blocks
/// (read what it changed against docs/reference/semantics.md before committing).
@Suite struct DocsExamplesTests {
    static let packageRoot = IntakeBinary.packageRoot
    static let examples = packageRoot.appendingPathComponent("docs/examples")
    /// The tutorial's own folder, laid out for `intake test` like `docs/examples`.
    static let tutorialExamples = examples.appendingPathComponent("google-forms")
    static let documents = ["docs/mappers.md", "docs/tutorial-google-forms.md"]
        .map { packageRoot.appendingPathComponent($0) }
    static var binaryIsBuilt: Bool { IntakeBinary.isBuilt }

    /// One golden case: `samples/DIR/X.json` with `X.expected.json` beside it (SEMANTICS S133).
    struct Case: CustomStringConvertible {
        var stem: URL
        var payload: URL { stem.appendingPathExtension("json") }
        var expected: URL { URL(fileURLWithPath: stem.path + ".expected.json") }
        var arguments: URL { URL(fileURLWithPath: stem.path + ".args.json") }
        /// The folder under `samples/`, which names the step or topic the case shows.
        var folder: String { stem.deletingLastPathComponent().lastPathComponent }
        var description: String { "samples/\(folder)/\(stem.lastPathComponent).json" }
    }

    /// The cases on disk, found by the same rule `intake test` uses.
    static func cases(in root: URL = examples) throws -> [Case] {
        let samples = root.appendingPathComponent("samples")
        guard let walker = FileManager.default.enumerator(atPath: samples.path) else { return [] }
        var found: [Case] = []
        for case let relative as String in walker where relative.hasSuffix(".json") {
            guard !relative.hasSuffix(".expected.json"), !relative.hasSuffix(".args.json") else { continue }
            let stem = samples.appendingPathComponent(String(relative.dropLast(".json".count)))
            let testCase = Case(stem: stem)
            if FileManager.default.fileExists(atPath: testCase.expected.path) { found.append(testCase) }
        }
        return found.sorted { $0.description < $1.description }
    }

    /// Every example mapper's text by mapper name (the `mapper:` line of each file).
    static func mapperTexts(in root: URL = examples) throws -> [String: String] {
        let folder = root.appendingPathComponent("mappers")
        var texts: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".yaml") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("mapper:") {
                let name = line.dropFirst("mapper:".count).split(separator: "#")[0]
                texts[name.trimmingCharacters(in: .whitespaces)] = text
            }
        }
        return texts
    }

    /// The chain a case's `X.args.json` gives.
    static func chain(of testCase: Case) throws -> [String] {
        let data = try Data(contentsOf: testCase.arguments)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["mappers"] as? [String] ?? []
    }

    /// Whether a mapper's YAML uses the step: as a map key (`regex:`) or as a bare list element
    /// (`- trim`, `[ …, trim ]`), comments left out.
    static func uses(_ step: String, in yaml: String) -> Bool {
        let code = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.hasPrefix("#") || line.contains(" # ") ? String(line.prefix { $0 != "#" }) : String(line) }
            .joined(separator: "\n")
        let name = NSRegularExpression.escapedPattern(for: step)
        let pattern = "(^|[\\s{\\[,-])\(name)(\\s*:|\\s*[,\\]}]|\\s*$)"
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else { return false }
        return regex.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)) != nil
    }

    static func readDocuments() throws -> String {
        try documents.filter { FileManager.default.fileExists(atPath: $0.path) }
            .map { try String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
    }

    /// Runs `intake test DIR` on the built binary.
    static func intakeTest(_ directory: URL) throws -> (status: Int32, output: String) {
        let outcome = try IntakeBinary.run(["test", directory.path])
        return (outcome.status, outcome.stdout + outcome.stderr)
    }

    @Test(.enabled(if: binaryIsBuilt, "run `swift build` first: the examples are checked on the built binary"))
    func everyExamplePassesIntakeTest() throws {
        let count = try Self.cases().count
        #expect(count >= StepRegistry.builtIn.names.count, "fewer example cases than steps")
        let run = try Self.intakeTest(Self.examples)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.split(separator: "\n").contains("\(count) passed, 0 failed"), "expected \(count) cases on disk: \(run.output)")
    }

    @Test(.enabled(if: binaryIsBuilt, "run `swift build` first: the examples are checked on the built binary"))
    func theTutorialExamplesPassIntakeTest() throws {
        let count = try Self.cases(in: Self.tutorialExamples).count
        #expect(count > 0, "no cases under docs/examples/google-forms/samples")
        let run = try Self.intakeTest(Self.tutorialExamples)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.split(separator: "\n").contains("\(count) passed, 0 failed"), "expected \(count) cases on disk: \(run.output)")
    }

    @Test func everyStepHasAHeadingInTheReference() throws {
        let reference = try String(contentsOf: Self.documents[0], encoding: .utf8)
        for name in StepRegistry.builtIn.names {
            let hasHeading = reference.contains("### `\(name)`")
            #expect(hasHeading, "docs/mappers.md has no '### `\(name)`' heading")
        }
    }

    /// Each step has `samples/<step>/` with a case whose chain uses the step.
    @Test func everyStepHasARunnableExample() throws {
        let cases = try Self.cases()
        let texts = try Self.mapperTexts()
        for name in StepRegistry.builtIn.names {
            let own = cases.filter { $0.folder == name }
            #expect(!own.isEmpty, "no example case under docs/examples/samples/\(name)/")
            let used = try own.flatMap { try Self.chain(of: $0) }.compactMap { texts[$0] }
            let usesStep = used.contains { Self.uses(name, in: $0) }
            #expect(usesStep, "no mapper of samples/\(name)/ uses the step '\(name)'")
        }
    }

    @Test func theStepDetectorTellsStepsFromText() {
        #expect(Self.uses("trim", in: "fields:\n  a: [ $.a, trim ]\n"))
        #expect(Self.uses("trim", in: "fields:\n  a:\n    - $.a\n    - trim\n"))
        #expect(Self.uses("regex", in: "fields:\n  a: [ $.a, { regex: 'x' } ]\n"))
        #expect(!Self.uses("trim", in: "# trim is shown elsewhere\nfields:\n  trimmed: $.a\n"))
        #expect(!Self.uses("count", in: "fields:\n  counts: [ $.a, to_int ]  # count is not used\n"))
    }

    /// The documents quote each case's mapper(s), payload and expected output verbatim.
    @Test(arguments: [examples, tutorialExamples])
    func theDocumentsShowEveryExampleAsItIs(root: URL) throws {
        let documents = try Self.readDocuments()
        let texts = try Self.mapperTexts(in: root)
        for testCase in try Self.cases(in: root) {
            for file in [testCase.payload, testCase.expected] {
                let text = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                let shown = documents.contains(text)
                #expect(shown, "the docs do not show \(testCase.folder)/\(file.lastPathComponent) as it is on disk: run docs/examples/sync.py")
            }
            for name in try Self.chain(of: testCase) {
                let text = (texts[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                let shown = !text.isEmpty && documents.contains(text)
                #expect(shown, "the docs do not show mapper '\(name)' as it is on disk (\(testCase)): run docs/examples/sync.py")
            }
        }
    }
}
