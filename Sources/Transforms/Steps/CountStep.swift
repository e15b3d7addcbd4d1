/// `count`: the number of elements of a list; no value counts `0` and any other value `1`
/// (SEMANTICS S42), so `count` always gives a number.
public struct CountStep: Step {
    public static let name = "count"
    public static let signature = StepSignature(
        argument: .none, input: .custom, summary: "the number of elements (no value: 0)")

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {}

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        switch input {
        case .array(let elements)?: .number(.int(elements.count))
        case let value where value.hasValue: .number(.int(1))
        default: .number(.int(0))
        }
    }
}
