/// `unique`: the first occurrence of each element by JSON equality (SEMANTICS S3, S42), so
/// `1` and `1.0` are one value while `1` and `"1"` are two. A non-list passes unchanged.
public struct UniqueStep: Step {
    public static let name = "unique"
    public static let signature = StepSignature(
        argument: .none, input: .transform, summary: "drop repeated list elements")

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {}

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard case .array(let elements)? = input else { return input }
        // JSON equality is not hashable as is (1 == 1.0), and lists are short: compare pairwise.
        var kept: [JSON] = []
        for element in elements where !kept.contains(element) { kept.append(element) }
        return .array(kept)
    }
}
