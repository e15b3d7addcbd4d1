/// `get: JSONPATH`: queries the current pipeline value, which is the root `$` (SEMANTICS S21).
///
/// Inside `each`, `path` still reads the payload; `get` is how a pipeline reads the element.
public struct GetStep: Step {
    public static let name = "get"
    public static let signature = StepSignature(
        argument: .required, input: .transform, summary: "the current value's value(s) at a JSONPath")

    let path: JSONPath

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        path = try arguments.jsonPath(try arguments.requiredMain())
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard let input else { return nil }
        return path.query(input, in: context)
    }

    public var traceArgument: JSON? { .string(path.text) }
}
