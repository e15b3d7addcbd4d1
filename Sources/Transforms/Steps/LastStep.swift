/// `last`: a list's last element (`[]` gives missing); any other value is itself (S42).
public struct LastStep: Step {
    public static let name = "last"
    public static let signature = StepSignature(
        argument: .none, input: .transform, summary: "the last element of a list")

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {}

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard case .array(let elements)? = input else { return input }
        return elements.last
    }
}
