/// `first`: a list's first element (`[]` gives missing); any other value is itself (S42).
public struct FirstStep: Step {
    public static let name = "first"
    public static let signature = StepSignature(
        argument: .none, input: .transform, summary: "the first element of a list")

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {}

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard case .array(let elements)? = input else { return input }
        return elements.first
    }
}
