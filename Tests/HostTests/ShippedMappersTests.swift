import Foundation
import Testing

/// The mappers and samples that ship with Intake, checked through the built `intake` binary.
///
/// The shipped folder is product, not fixture: every vendor payload in `samples/` must map to
/// its `X.expected.json` with the chain its `X.args.json` names, and also with the chain of
/// every shipped mapper (so no mapper's `when` steals another vendor's payload), and
/// `intake check` must load the folder cleanly. The binary is the one `swift build` leaves in
/// `.build/debug`; when it has not been built the suite records that it skipped.
@Suite("Shipped mappers and samples", .enabled(if: ShippedFolder.binaryExists, "skipped: .build/debug/intake not built (run swift build)"))
struct ShippedMappersTests {
    @Test("intake check --mappers mappers loads every shipped file without errors or warnings")
    func checkIsClean() throws {
        let run = try ShippedFolder.intake(["check", "--mappers", "mappers"])
        #expect(run.status == 0, "\(run.output)")
        #expect(!run.output.contains("warning:"), "\(run.output)")
    }

    @Test("intake test . passes every sample case")
    func goldenSamplesPass() throws {
        let cases = try ShippedFolder.sampleCases(in: ShippedFolder.root)
        #expect(cases.count >= 20)
        let run = try ShippedFolder.intake(["test", "."])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("\(cases.count) passed, 0 failed"), "\(run.output)")
    }

    /// Every case again with its `mappers` key removed: the chain is then every shipped mapper
    /// in load order (S133), and each payload must still reach the same mapper (or none).
    @Test("every sample maps the same with the chain of all shipped mappers")
    func goldenSamplesPassWithWholeFolderChain() throws {
        let scratch = try ShippedFolder.scratchCopy()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let cases = try ShippedFolder.sampleCases(in: scratch)
        for argsFile in cases.compactMap(\.args) {
            let data = try Data(contentsOf: argsFile)
            guard var args = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                Issue.record("\(argsFile.path) is not a JSON object")
                continue
            }
            args.removeValue(forKey: "mappers")
            try JSONSerialization.data(withJSONObject: args, options: [.sortedKeys]).write(to: argsFile)
        }
        let run = try ShippedFolder.intake(["test", scratch.path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("\(cases.count) passed, 0 failed"), "\(run.output)")
    }

    /// A mistake in a mapper stops `intake check` with exit 2 and names the file, line and
    /// column of the mistake (SPEC §9, SEMANTICS S132).
    @Test("a broken copy of a shipped mapper is refused with file:line:column", arguments: Mistake.all)
    func brokenMapperIsRefused(_ mistake: Mistake) throws {
        let scratch = try ShippedFolder.scratchCopy()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("mappers").appendingPathComponent(mistake.file)
        let original = try String(contentsOf: file, encoding: .utf8)
        let broken = try #require(mistake.apply(to: original), "the mistake's anchor text is not in \(mistake.file)")
        try broken.text.write(to: file, atomically: true, encoding: .utf8)

        let run = try ShippedFolder.intake(["check", "--mappers", scratch.appendingPathComponent("mappers").path])
        #expect(run.status == 2, "\(run.output)")
        let location = "\(mistake.file):\(broken.line):"
        #expect(run.output.contains(location), "expected an error at \(location)\n\(run.output)")
        let shape = try Regex(#"[\w./-]+\.yaml:\d+:\d+: \S"#)
        #expect(run.output.contains(shape), "\(run.output)")
    }
}

/// One deliberate mistake in one shipped mapper, and the line it lands on.
struct Mistake: Sendable, CustomTestStringConvertible {
    let file: String
    let anchor: String
    let replacement: String
    let why: String

    var testDescription: String { "\(file): \(why)" }

    /// The file's text with the first `anchor` replaced, and the 1-based line of the change.
    func apply(to text: String) -> (text: String, line: Int)? {
        guard let range = text.range(of: anchor) else { return nil }
        let line = text[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        return (text.replacingCharacters(in: range, with: replacement), line)
    }

    static let all: [Mistake] = [
        Mistake(
            file: "alertmanager.yaml", anchor: "fields:\n  alert_name", replacement: "feilds:\n  alert_name",
            why: "a misspelled top-level key (S8)"),
        Mistake(
            file: "google-forms-sheets.yaml", anchor: "{ regex: 'INC-\\d+'", replacement: "{ regex: 'INC-(\\d+'",
            why: "a regex that does not compile (S34)"),
        Mistake(
            file: "pagerduty.yaml", anchor: "type: Outage", replacement: "type: Outages",
            why: "a type no types file declares (S9, S75)"),
        Mistake(
            file: "splunk.yaml", anchor: "  detection_id: $.sid", replacement: "  detection_id: sid",
            why: "a pipeline string that is not a path (S13)"),
    ]
}

/// The package root, its built binary, and helpers to run it.
enum ShippedFolder {
    /// `<root>/Tests/HostTests/ShippedMappersTests.swift` → `<root>`.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary: URL = root.appendingPathComponent(".build/debug/intake")

    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    struct Run { let status: Int32; let output: String }

    /// Runs `intake ARGS` in the package root; stdout and stderr together.
    static func intake(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    struct SampleCase { let payload: URL; let args: URL? }

    /// Every `samples/**/X.json` with an `X.expected.json` beside it (S133).
    static func sampleCases(in directory: URL) throws -> [SampleCase] {
        let samples = directory.appendingPathComponent("samples")
        guard let walker = FileManager.default.enumerator(at: samples, includingPropertiesForKeys: nil) else { return [] }
        var cases: [SampleCase] = []
        for case let url as URL in walker where url.pathExtension == "json" {
            let name = url.lastPathComponent
            if name.hasSuffix(".expected.json") || name.hasSuffix(".args.json") { continue }
            let stem = url.deletingPathExtension()
            let expected = stem.appendingPathExtension("expected.json")
            guard FileManager.default.fileExists(atPath: expected.path) else { continue }
            let args = stem.appendingPathExtension("args.json")
            cases.append(SampleCase(payload: url, args: FileManager.default.fileExists(atPath: args.path) ? args : nil))
        }
        return cases
    }

    /// A fresh temporary folder holding copies of `mappers/` and `samples/`.
    static func scratchCopy() throws -> URL {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("intake-shipped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        for folder in ["mappers", "samples"] {
            try FileManager.default.copyItem(
                at: root.appendingPathComponent(folder),
                to: scratch.appendingPathComponent(folder))
        }
        return scratch
    }
}
