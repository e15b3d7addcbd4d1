/// `parse_form`, or `parse_form: PATH`: turns an `application/x-www-form-urlencoded` string
/// into an object (SEMANTICS S45, S46), for senders that post forms rather than JSON.
///
/// An object passes unchanged; any other non-string is an error. The input policy is
/// `.custom` for the same reason as `parse_json`'s.
public struct ParseFormStep: Step {
    public static let name = "parse_form"
    public static let signature = StepSignature(
        argument: .optional, input: .custom, summary: "parse a form-encoded string (in prepare, in place at a path)")

    let target: ParseTarget?

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        target = try ParseTarget(arguments: arguments, compiler: compiler)
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        if let target { return try target.apply(input, in: context, parse: Self.parse) }
        guard let input, !input.isNoValue else { return nil }
        return try Self.parse(input)
    }

    /// A string's fields (`""`: missing), an object unchanged, anything else an error.
    static func parse(_ value: JSON) throws(StepError) -> JSON? {
        switch value {
        case .string(let text): return text.isEmpty ? nil : .object(FormURLEncoded.decode(text))
        case .object: return value
        default: throw StepError("parse_form needs form-encoded text, got \(value.kindName) \(value.errorExcerpt)")
        }
    }

    public var traceArgument: JSON? { target?.traceArgument }
}
