/// `required`: fails on an input with no value (missing, `null`, `""`, `[]`), else passes it
/// on (SEMANTICS S51), so a pipeline can insist on a value a field's type would let be absent.
public struct RequiredStep: Step {
    public static let name = "required"
    public static let signature = StepSignature(
        argument: .none, input: .custom, summary: "fail when there is no value")

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {}

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard let input else { throw StepError("a value is required, but the input is missing") }
        guard !input.isNoValue else {
            throw StepError("a value is required, but the input is \(input.errorExcerpt) (no value)")
        }
        return input
    }
}
