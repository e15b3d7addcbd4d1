/// `template: TEXT`: text with `{{ expr }}` parts filled in (SEMANTICS S26).
///
/// The text is parsed when the mapper loads, so an unclosed `{{`, an empty `{{ }}` or a bad
/// JSONPath is reported with its place before any payload arrives.
public struct TemplateStep: Step {
    public static let name = "template"
    public static let signature = StepSignature(
        argument: .required, input: .source, summary: "text with {{ $.path }}, {{ field }} and {{ type }} filled in")

    /// One piece of a parsed template. The host's action templates (SPEC §13) use the same
    /// parser, so `{{ … }}` means one thing everywhere.
    package enum Part: Sendable {
        case literal(String)
        /// `{{ $… }}`: a JSONPath on the payload.
        case path(JSONPath)
        /// `{{ type }}`: the selected incident type.
        case type
        /// `{{ name }}`: a field mapped earlier.
        case field(String)
    }

    let text: String
    let parts: [Part]
    /// Where the template text stands, for `intake check`'s notes on the fields it reads.
    let mark: SourceMark

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        let main = try arguments.requiredMain()
        text = try arguments.scalarText(main, "a template")
        mark = main.mark
        do {
            parts = try TemplateStep.parse(text)
        } catch {
            throw arguments.error(error.message, at: main)
        }
    }

    /// Splits `text` into literal text and `{{ expr }}` parts.
    ///
    /// - Throws: for an unclosed `{{`, an empty `{{ }}` or an invalid JSONPath, with the
    ///   character offset of the `{{`.
    package static func parse(_ text: String) throws(StepError) -> [Part] {
        var parts: [Part] = []
        var literal = ""
        var rest = text[...]
        while let open = rest.firstRange(of: "{{") {
            literal += rest[..<open.lowerBound]
            let offset = text.distance(from: text.startIndex, to: open.lowerBound)
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstRange(of: "}}") else {
                throw StepError("unclosed '{{' at character \(offset) of the template: close it with '}}'")
            }
            let expression = afterOpen[..<close.lowerBound].trimmingWhitespace()
            if expression.isEmpty {
                throw StepError(
                    "empty '{{ }}' at character \(offset) of the template: write {{ $.path }}, {{ field }} or {{ type }}")
            }
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal = ""
            parts.append(try part(expression, offset: offset))
            rest = afterOpen[close.upperBound...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return parts
    }

    static func part(_ expression: String, offset: Int) throws(StepError) -> Part {
        if expression.hasPrefix("$") {
            do {
                return .path(try JSONPath(expression))
            } catch {
                throw StepError("invalid JSONPath '\(expression)' at character \(offset) of the template: \(error)")
            }
        }
        return expression == "type" ? .type : .field(expression)
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        // Each query would note its own `nodes` and overwrite the last; the step notes the
        // nodes of all its `{{ $… }}` parts together instead, in template order.
        var quiet = context
        quiet.recorder = nil
        var nodes: [JSON]? = context.recorder == nil ? nil : []
        var result = ""
        var emptyParts: [JSON] = []
        for part in parts {
            let value: JSON?
            switch part {
            case .literal(let literal):
                result += literal
                continue
            case .path(let path):
                if nodes != nil { nodes? += path.select(quiet.payload).map { .string($0.normalizedPath) } }
                value = path.query(quiet.payload, in: quiet)
            case .type: value = context.type.map(JSON.string)
            case .field(let name): value = context.fields[name]
            }
            if !value.hasValue { emptyParts.append(.string(part.written)) }
            result += Self.render(value)
        }
        if let nodes { context.note("nodes", .array(nodes)) }
        if context.templatesNeedEveryPart, !emptyParts.isEmpty {
            context.note("parts_without_value", .array(emptyParts))
            return nil
        }
        return .string(result)
    }

    /// The text of a value (S12), with no value (S59) rendering as `""`.
    package static func render(_ value: JSON?) -> String {
        guard let value, !value.isNoValue else { return "" }
        return value.text
    }

    public var traceArgument: JSON? { .string(text) }

    /// The fields its `{{ name }}` parts read, in template order.
    public var references: [StepReference] {
        parts.compactMap { part in
            guard case .field(let name) = part else { return nil }
            return .field(name, at: mark)
        }
    }
}

extension TemplateStep.Part {
    /// The part as a mapper writes it (`{{ $.a }}`, `{{ reporter }}`), for the trace of a
    /// dedup key's parts without value.
    var written: String {
        switch self {
        case .literal(let text): text
        case .path(let path): "{{ \(path.text) }}"
        case .type: "{{ type }}"
        case .field(let name): "{{ \(name) }}"
        }
    }
}
