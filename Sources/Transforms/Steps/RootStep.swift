/// `root: JSONPATH`: queries the whole prepared payload, even inside `for_each` (SEMANTICS S22).
///
/// Alertmanager's `$.commonLabels` sits beside the alerts a `for_each` walks; `root` reaches it.
public struct RootStep: Step {
    public static let name = "root"
    public static let signature = StepSignature(
        argument: .required, input: .source, summary: "the whole payload's value(s) at a JSONPath")

    let path: JSONPath

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        path = try arguments.jsonPath(try arguments.requiredMain())
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        path.query(context.root, in: context)
    }

    public var traceArgument: JSON? { .string(path.text) }
}
