import Foundation
import Transforms

/// `intake check`'s look at the example payloads beside the mappers (issue 13, SPEC §12 "Dedup
/// templates"): a dedup template part that has no value in a payload its mapper takes, such
/// as `{{ $.range.rowstart }}` for `rowStart`, gives that payload no dedup key, so a retried
/// delivery would be stored twice. Nothing but a real payload can show that, so the check maps
/// the golden-test payloads (`samples/**/X.json`, the files `intake test` runs) and warns.
struct DedupSampleCheck {
    /// The most payload files read, so a large samples folder cannot make a check slow.
    static let fileLimit = 500

    /// The payload files under `folder` (`X.json`, not `X.expected.json` or `X.args.json`),
    /// sorted, as paths relative to the current folder when `folder` is.
    static func payloadFiles(in folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String, files.count < fileLimit {
            guard relative.hasSuffix(".json"), !relative.hasSuffix(".expected.json"), !relative.hasSuffix(".args.json") else { continue }
            files.append((folder.hasSuffix("/") ? folder : folder + "/") + relative)
        }
        return files.sorted()
    }

    /// One warning per template part that has no value in some payload a mapper of `chain`
    /// took: at the part's place in the mapper file, with the first such payload, how many,
    /// and a did-you-mean from that payload's own member names.
    static func warnings(for chain: MappingChain, payloadFiles: [String]) -> [String] {
        var gaps: [String: (mapper: Mapper, part: String, first: String, count: Int, hint: String)] = [:]
        var order: [String] = []
        let request = MappingRequest(receivedAt: Instant(millisecondsSinceEpoch: 0), explain: true)
        for file in payloadFiles {
            guard let data = FileManager.default.contents(atPath: file), let payload = try? JSON.parse(bytes: data) else { continue }
            let payloads = payload.arrayValue ?? [payload]
            for value in payloads {
                for outcome in chain.map(value, request: request) {
                    guard case .mapped(let incident) = outcome.result, incident.dedupKey == nil,
                        let mapper = chain.mappers.first(where: { $0.name == outcome.mapper?.name }), mapper.dedup != nil
                    else { continue }
                    for part in partsWithoutValue(outcome.trace) {
                        let key = mapper.name + "\u{0}" + part
                        if gaps[key] == nil {
                            order.append(key)
                            gaps[key] = (mapper, part, file, 0, hint(for: part, in: value))
                        }
                        gaps[key]?.count += 1
                    }
                }
            }
        }
        return order.compactMap { key in
            guard let gap = gaps[key] else { return nil }
            let others = gap.count > 1 ? " and \(gap.count - 1) more" : ""
            return "\(mark(of: gap.part, in: gap.mapper)): dedup: '\(gap.part)' has no value in \(gap.first)\(others)\(gap.hint), "
                + "so such payloads get no dedup key and a retried delivery is stored twice; fix the path"
        }
    }

    /// `parts_without_value` of the dedup trace's template steps.
    private static func partsWithoutValue(_ trace: JSON?) -> [String] {
        let steps = trace?.objectValue?["dedup"]?.objectValue?["steps"]?.arrayValue ?? []
        return steps.flatMap { step -> [String] in
            step.objectValue?["parts_without_value"]?.arrayValue?.compactMap { $0.stringValue } ?? []
        }
    }

    /// `file:line:column` of the part's text in the mapper, else the mapper's first line.
    private static func mark(of part: String, in mapper: Mapper) -> SourceMark {
        guard let range = mapper.sourceText.range(of: part) else { return SourceMark(file: mapper.file, line: 1, column: 1) }
        let before = mapper.sourceText[..<range.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
        return SourceMark(file: mapper.file, line: line, column: column)
    }

    /// For `{{ $.a.b }}`: walks the payload by member names and, at the first one missing,
    /// suggests the member that differs only in case (`rowstart` → `rowStart`).
    private static func hint(for part: String, in payload: JSON) -> String {
        let path = part.trimmingCharacters(in: CharacterSet(charactersIn: "{} "))
        guard path.hasPrefix("$.") else { return "" }
        let names = path.dropFirst(2).split(separator: ".").map(String.init)
        var node = payload
        var walked = "$"
        for name in names {
            guard case .object(let object) = node else { return "" }
            if let next = object[name] {
                node = next
                walked += "." + name
                continue
            }
            guard let close = object.keys.first(where: { $0.lowercased() == name.lowercased() }) else { return "" }
            let rest = names.drop { $0 != name }.dropFirst()
            let suggestion = ([walked + "." + close] + rest).joined(separator: ".")
            return " (did you mean '\(suggestion)'?)"
        }
        return ""
    }
}
