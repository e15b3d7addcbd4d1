/// `flatten`: splices elements that are lists into their list, one level (SEMANTICS S42).
/// A non-list passes unchanged.
public struct FlattenStep: Step {
    public static let name = "flatten"
    public static let signature = StepSignature(
        argument: .none, input: .transform, summary: "splice nested lists in, one level")

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {}

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard case .array(let elements)? = input else { return input }
        var flat: [JSON] = []
        for element in elements {
            if case .array(let inner) = element { flat.append(contentsOf: inner) } else { flat.append(element) }
        }
        return .array(flat)
    }
}
