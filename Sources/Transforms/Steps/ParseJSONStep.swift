/// `parse_json`, or `parse_json: PATH`: turns a JSON string into its value (SEMANTICS S44,
/// S46), for the JSON that senders put inside strings (SNS `Message`, form fields).
///
/// A value that is not a string passes unchanged. Its input policy is `.custom` only because
/// `parse_json: PATH` reads the payload, not its input; without a path an input with no value
/// gives missing exactly as a transforming step's does (S59).
public struct ParseJSONStep: Step {
    public static let name = "parse_json"
    public static let signature = StepSignature(
        argument: .optional, input: .custom, summary: "parse a JSON string (in prepare, in place at a path)")

    let target: ParseTarget?

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        target = try ParseTarget(arguments: arguments, compiler: compiler)
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        if let target { return try target.apply(input, in: context, parse: Self.parse) }
        guard let input, !input.isNoValue else { return nil }
        return try Self.parse(input)
    }

    /// A string's JSON value (`""`: missing); any other value unchanged.
    static func parse(_ value: JSON) throws(StepError) -> JSON? {
        guard case .string(let text) = value else { return value }
        guard !text.isEmpty else { return nil }
        do {
            return try JSON.parse(text)
        } catch {
            throw StepError("invalid JSON at byte \(error.offset): \(error.message)")
        }
    }

    public var traceArgument: JSON? { target?.traceArgument }
}
