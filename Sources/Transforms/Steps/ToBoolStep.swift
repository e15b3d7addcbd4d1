/// `to_bool`: the `bool` coercion as a step (SEMANTICS S50), element-wise on lists, `null`
/// elements kept.
public struct ToBoolStep: Step {
    public static let name = "to_bool"
    public static let signature = StepSignature(argument: .none, input: .transform, summary: "turn a value into a boolean")

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {}

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard let input else { return nil }
        return try ExplicitCoercion.apply(input, to: .bool)
    }
}
