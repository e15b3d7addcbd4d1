/// `to_string`: the `string` coercion as a step (SEMANTICS S50), element-wise on lists, `null`
/// elements kept.
public struct ToStringStep: Step {
    public static let name = "to_string"
    public static let signature = StepSignature(argument: .none, input: .transform, summary: "turn a value into text (objects into compact JSON)")

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {}

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard let input else { return nil }
        return try ExplicitCoercion.apply(input, to: .string)
    }
}
