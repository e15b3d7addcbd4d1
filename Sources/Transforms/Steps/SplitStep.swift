/// `split: SEP` or `split: {on | pattern, trim}`: a string becomes a list of strings
/// (SEMANTICS S36).
///
/// `pattern` is a second main key beside `on`, which the generic options form (keyed on one
/// main option) cannot express: `definition` recognises any map of `on`, `pattern` and `trim`
/// as the options form, where `pattern` then arrives among the options. For that reason the
/// argument is `.optional` in the signature, and the step itself requires exactly one of the two.
/// As a sibling (`{split: ",", pattern: …}`) `pattern` stays an unknown option.
public struct SplitStep: Step {
    public static let name = "split"
    public static let signature = StepSignature(
        argument: .optional, mainOption: "on", options: ["trim"], input: .transform,
        summary: "split text on a literal separator or a pattern")

    static let optionsFormKeys: Set<String> = ["on", "pattern", "trim"]

    /// The registry entry, with the options form that also accepts `pattern`.
    public static var definition: StepDefinition {
        StepDefinition(
            name: name, signature: signature,
            isOptionsForm: { node in
                guard case .mapping(let members) = node.content else { return false }
                return members.allSatisfy { optionsFormKeys.contains($0.key) }
            },
            compile: { arguments, compiler throws(SourceError) in try SplitStep(arguments: arguments, compiler: compiler) })
    }

    enum Separator: Sendable {
        /// The UTF-8 bytes of a non-empty literal.
        case literal([UInt8])
        case pattern(PCRE2Pattern)
    }

    let separator: Separator
    let trim: Bool
    let shown: String

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        if let main = arguments.main, case .mapping(let members) = main.content {
            // Not the options form: some key is unknown. Report it.
            _ = try arguments.optionsMap(members, allowed: ["on", "pattern", "trim"])
        }
        switch (arguments.main, arguments.options["pattern"].flatMap { $0.isNull ? nil : $0 }) {
        case (let on?, nil):
            let text = try arguments.scalarText(on, "the separator")
            guard !text.isEmpty else {
                throw arguments.error("the separator cannot be empty: write split: \",\" or split: {pattern: '\\s+'}", at: on)
            }
            separator = .literal(Array(text.utf8))
            shown = text
        case (nil, let pattern?):
            let compiled = try arguments.pattern(pattern)
            separator = .pattern(compiled)
            shown = compiled.pattern
        case (_?, _?):
            throw arguments.error("give either 'on' (a literal) or 'pattern' (a regex), not both")
        case (nil, nil):
            throw arguments.error("needs a separator: write split: \",\" or split: {pattern: '\\s*,\\s*'}", kind: .missingKey)
        }
        if let node = arguments.options["trim"] {
            trim = try arguments.bool(node, "trim")
        } else {
            trim = false
        }
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard let input else { return nil }
        switch try TextInput(input) {
        case .single(let text):
            return text.isEmpty ? nil : .array(try parts(text))
        case .list(let texts):
            var output: [JSON] = []
            output.reserveCapacity(texts.count)
            for text in texts {
                if let text {
                    output.append(.array(text.isEmpty ? [] : try parts(text)))
                } else {
                    output.append(.null)
                }
            }
            return .array(output)
        }
    }

    /// The parts of non-empty text, empty ones kept.
    func parts(_ text: String) throws(StepError) -> [JSON] {
        let bytes = Array(text.utf8)
        let separators: [Range<Int>]
        switch separator {
        case .literal(let needle): separators = Self.occurrences(of: needle, in: bytes)
        case .pattern(let pattern):
            do {
                separators = try pattern.allMatches(in: text).map(\.range)
            } catch {
                throw error.stepError
            }
        }
        var parts: [JSON] = []
        var start = 0
        for range in separators + [bytes.count..<bytes.count] {
            let part = String(decoding: bytes[start..<range.lowerBound], as: UTF8.self)
            parts.append(.string(trim ? part.trimmingWhitespace() : part))
            start = range.upperBound
        }
        return parts
    }

    /// Non-overlapping occurrences of `needle`, left to right.
    static func occurrences(of needle: [UInt8], in bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && bytes[index..<index + needle.count].elementsEqual(needle) {
                ranges.append(index..<index + needle.count)
                index += needle.count
            } else {
                index += 1
            }
        }
        return ranges
    }

    public var traceArgument: JSON? { .string(shown) }
}
