/// `path: JSONPATH`: the payload's value(s); inside `for_each`, the item's (SEMANTICS S20).
public struct PathStep: Step {
    public static let name = "path"
    public static let signature = StepSignature(
        argument: .required, input: .source, summary: "the payload's value(s) at a JSONPath")

    let path: JSONPath

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        path = try arguments.jsonPath(try arguments.requiredMain())
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        path.query(context.payload, in: context)
    }

    public var traceArgument: JSON? { .string(path.text) }
}
