/// `lowercase`: full Unicode lower-case mapping of a string, or of each string of a list
/// (one level); other values pass unchanged (SEMANTICS S30).
public struct LowercaseStep: Step {
    public static let name = "lowercase"
    public static let signature = StepSignature(
        argument: .none, input: .transform, summary: "lower-case strings (full Unicode mapping)")

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {}

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        input.map { $0.mappingStrings { $0.lowercased() } }
    }
}
