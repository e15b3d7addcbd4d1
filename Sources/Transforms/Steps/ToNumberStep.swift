/// `to_number`: the `number` coercion as a step (SEMANTICS S50), element-wise on lists, `null`
/// elements kept.
public struct ToNumberStep: Step {
    public static let name = "to_number"
    public static let signature = StepSignature(argument: .none, input: .transform, summary: "turn a value into a number")

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {}

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard let input else { return nil }
        return try ExplicitCoercion.apply(input, to: .number)
    }
}
