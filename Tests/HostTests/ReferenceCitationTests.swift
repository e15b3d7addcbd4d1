import Foundation
import Testing

/// Every `SPEC §n`, `SEMANTICS §n` and `Sn` cited in the repository names a section or rule of
/// `docs/reference/`, so a clone alone resolves every citation (docs/reference/spec.md, intro).
@Suite struct ReferenceCitationTests {
    static let root = IntakeBinary.packageRoot

    @Test func everyCitationInTheRepositoryResolves() throws {
        let reference = try ReferenceIndex(folder: Self.root.appendingPathComponent("docs/reference"))
        var unresolved: [String] = []
        var cited = 0
        for file in try CitationScanner.files(under: Self.root) {
            let text = try String(contentsOf: file, encoding: .utf8)
            let relative = String(file.path.dropFirst(Self.root.path.count + 1))
            for citation in CitationScanner.citations(in: text) {
                cited += 1
                if !reference.resolves(citation) { unresolved.append("\(relative):\(citation.line): \(citation)") }
            }
        }
        #expect(unresolved.isEmpty, "citations with no section or rule in docs/reference/:\n\(unresolved.joined(separator: "\n"))")
        #expect(cited > 300, "the scan found only \(cited) citations; is it reading the sources?")
    }

    @Test func theReferenceHasItsSectionsAndRules() throws {
        let reference = try ReferenceIndex(folder: Self.root.appendingPathComponent("docs/reference"))
        #expect(reference.specSections.isSuperset(of: 1...13))
        #expect(reference.semanticsSections.isSuperset(of: 1...13))
        #expect(reference.rules.isSuperset(of: [1, 59, 110, 133]))
        #expect(!reference.rules.contains(18), "S18 was never assigned")
    }

    @Test func unknownCitationsAreReported() throws {
        let reference = try ReferenceIndex(folder: Self.root.appendingPathComponent("docs/reference"))
        let text = """
            /// SPEC §4 and S59 exist; RFC 9535 §2.3.5 is another document.
            /// SPEC §40, §2.3, SEMANTICS §99 and S18 do not.
            """
        let failing = CitationScanner.citations(in: text).filter { !reference.resolves($0) }
        #expect(failing.map(\.description) == ["SPEC §40", "SPEC §2.3", "SEMANTICS §99", "S18"])
        #expect(failing.allSatisfy { $0.line == 2 })
    }
}

/// The sections and rules `docs/reference/` defines: `## n.` headings of spec.md and
/// semantics.md, and the `<a id="sN">` anchors of semantics.md's rules.
struct ReferenceIndex {
    var specSections: Set<Int>
    var semanticsSections: Set<Int>
    var rules: Set<Int>

    init(folder: URL) throws {
        let spec = try String(contentsOf: folder.appendingPathComponent("spec.md"), encoding: .utf8)
        let semantics = try String(contentsOf: folder.appendingPathComponent("semantics.md"), encoding: .utf8)
        specSections = Self.numbers(of: #"(?m)^## (\d+)\. "#, in: spec)
        semanticsSections = Self.numbers(of: #"(?m)^## (\d+)\. "#, in: semantics)
        rules = Self.numbers(of: #"(?m)^<a id="s(\d+)"></a>\*\*S\1\b"#, in: semantics)
    }

    func resolves(_ citation: Citation) -> Bool {
        switch citation.kind {
        case .specSection: citation.number.count == 1 && specSections.contains(citation.number[0])
        case .semanticsSection: citation.number.count == 1 && semanticsSections.contains(citation.number[0])
        case .rule: rules.contains(citation.number[0])
        }
    }

    private static func numbers(of pattern: String, in text: String) -> Set<Int> {
        let regex = try! NSRegularExpression(pattern: pattern)
        let matches = regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
        return Set(matches.compactMap { Range($0.range(at: 1), in: text).flatMap { Int(text[$0]) } })
    }
}

/// One citation of the reference found in a file.
struct Citation: CustomStringConvertible {
    enum Kind { case specSection, semanticsSection, rule }
    var kind: Kind
    /// `[4]` for `§4`, `[2, 3]` for `§2.3` (which the spec does not have: its sections are flat).
    var number: [Int]
    var line: Int

    var description: String {
        let dotted = number.map(String.init).joined(separator: ".")
        switch kind {
        case .specSection: return "SPEC §\(dotted)"
        case .semanticsSection: return "SEMANTICS §\(dotted)"
        case .rule: return "S\(dotted)"
        }
    }
}

/// Finds citations in text: `§n` (with or without `SPEC`) is a section of spec.md, `SEMANTICS §n`
/// one of semantics.md, `Sn` a rule; `RFC NNNN §n` cites another document and is left alone.
enum CitationScanner {
    /// The folders and files whose citations must resolve.
    static let scanned = ["Sources", "Tests", "docs", "mappers", "scripts", "Examples", "README.md"]

    static func files(under root: URL) throws -> [URL] {
        var files: [URL] = []
        for entry in scanned {
            let url = root.appendingPathComponent(entry)
            if url.pathExtension == "md" { files.append(url); continue }
            guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in enumerator
            where ["swift", "md", "yaml", "yml", "sh"].contains(file.pathExtension) && !file.path.contains("/.build")
                // This file's own examples of unresolved citations are there on purpose.
                && file.lastPathComponent != "ReferenceCitationTests.swift"
            {
                files.append(file)
            }
        }
        return files
    }

    private static let section = try! NSRegularExpression(pattern: #"(RFC \d+ |SEMANTICS )?§ ?(\d+(?:\.\d+)*)"#)
    private static let rule = try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9_#])S(\d+)(?![A-Za-z0-9_])"#)

    static func citations(in text: String) -> [Citation] {
        var found: [Citation] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(line)
            let range = NSRange(line.startIndex..., in: line)
            for match in section.matches(in: line, range: range) {
                let prefix = Range(match.range(at: 1), in: line).map { line[$0] } ?? ""
                if prefix.hasPrefix("RFC") { continue }
                guard let digits = Range(match.range(at: 2), in: line) else { continue }
                let number = line[digits].split(separator: ".").compactMap { Int($0) }
                found.append(Citation(kind: prefix.isEmpty ? .specSection : .semanticsSection, number: number, line: index + 1))
            }
            for match in rule.matches(in: line, range: range) {
                guard let digits = Range(match.range(at: 1), in: line), let number = Int(line[digits]) else { continue }
                found.append(Citation(kind: .rule, number: [number], line: index + 1))
            }
        }
        return found
    }
}
