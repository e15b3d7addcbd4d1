/// `uppercase`: full Unicode upper-case mapping of a string, or of each string of a list
/// (one level); other values pass unchanged (SEMANTICS S30).
///
/// Full mapping may change the length: `Straße` becomes `STRASSE`.
public struct UppercaseStep: Step {
    public static let name = "uppercase"
    public static let signature = StepSignature(
        argument: .none, input: .transform, summary: "upper-case strings (full Unicode mapping)")

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {}

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        input.map { $0.mappingStrings { $0.uppercased() } }
    }
}
