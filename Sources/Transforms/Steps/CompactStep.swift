/// `compact`: drops `null` and `""` elements of a list, keeping `[]` and `{}` (SEMANTICS S42).
/// A non-list passes unchanged.
public struct CompactStep: Step {
    public static let name = "compact"
    public static let signature = StepSignature(
        argument: .none, input: .transform, summary: "drop null and empty-string elements")

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {}

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard case .array(let elements)? = input else { return input }
        return .array(
            elements.filter { element in
                switch element {
                case .null: false
                case .string(let string): !string.isEmpty
                default: true
                }
            })
    }
}
