/// `default: LITERAL`: replaces an input with no value (missing, `null`, `""`, `[]`) with the
/// literal; any other input passes through (SEMANTICS S41).
public struct DefaultStep: Step {
    public static let name = "default"
    public static let signature = StepSignature(
        argument: .required, input: .custom, summary: "a literal for an input with no value")

    let value: JSON
    let mark: SourceMark

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        let main = try arguments.requiredMain()
        value = main.json
        mark = main.mark
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        input.hasValue ? input : value
    }

    public var traceArgument: JSON? { value }

    public var references: [StepReference] { [.literal(value, at: mark)] }
}
