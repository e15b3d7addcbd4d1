/// `extract: KIND`: every indicator of a kind in the input, de-duplicated by exact text
/// (SEMANTICS S35).
///
/// Lists and objects are scanned string by string, recursively and in order, so the step can
/// take a whole alert body; numbers and booleans are read as their text.
public struct ExtractStep: Step {
    public static let name = "extract"
    public static let signature = StepSignature(
        argument: .required, input: .transform,
        summary: "every url, email, ip, domain, md5, sha1, sha256 or cve in the input")

    let scanner: IndicatorScanner

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        let main = try arguments.requiredMain()
        let text = try arguments.scalarText(main, "the kind")
        guard let kind = IndicatorKind(rawValue: text) else {
            let kinds = IndicatorKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw arguments.error("unknown kind '\(text)': write one of \(kinds)", at: main)
        }
        do {
            scanner = try IndicatorScanner(kind: kind)
        } catch {
            throw arguments.error("internal pattern for '\(text)' failed to compile: \(error)", at: main)
        }
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard let input else { return nil }
        var seen: Set<String> = []
        var found: [JSON] = []
        do {
            try Self.forEachText(in: input) { text throws(RegexError) in
                for indicator in try scanner.scan(text) where seen.insert(indicator).inserted {
                    found.append(.string(indicator))
                }
            }
        } catch {
            throw error.stepError
        }
        return .array(found)
    }

    /// Calls `body` with each text in `value`, depth first in document order; `null` has none.
    static func forEachText(in value: JSON, _ body: (String) throws(RegexError) -> Void) throws(RegexError) {
        switch value {
        case .null: return
        case .array(let elements):
            for element in elements { try forEachText(in: element, body) }
        case .object(let object):
            for member in object.members { try forEachText(in: member.value, body) }
        default:
            try body(value.text)
        }
    }

    public var traceArgument: JSON? { .string(scanner.kind.rawValue) }
}
