/// `value: LITERAL`: a constant, scalar, list or map; `value: ~` gives `null` (SEMANTICS S23).
public struct ValueStep: Step {
    public static let name = "value"
    public static let signature = StepSignature(argument: .optional, input: .source, summary: "a constant")

    let value: JSON
    let mark: SourceMark

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        value = arguments.main?.json ?? .null
        mark = arguments.main?.mark ?? arguments.mark
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? { value }

    public var traceArgument: JSON? { value }

    public var references: [StepReference] { [.literal(value, at: mark)] }
}
