/// `trim`: removes Unicode white space around a string, or around each string of a list
/// (one level); other values pass unchanged (SEMANTICS S30).
public struct TrimStep: Step {
    public static let name = "trim"
    public static let signature = StepSignature(
        argument: .none, input: .transform, summary: "strip white space around strings")

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {}

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        input.map { $0.mappingStrings { $0.trimmingWhitespace() } }
    }
}

extension JSON {
    /// Applies `transform` to a string, or to the string elements of a list (one level),
    /// leaving every other value as it is: the shape of `trim`, `lowercase` and `uppercase`.
    public func mappingStrings(_ transform: (String) -> String) -> JSON {
        switch self {
        case .string(let string): return .string(transform(string))
        case .array(let elements):
            return .array(
                elements.map { element in
                    if case .string(let string) = element { return .string(transform(string)) }
                    return element
                })
        default: return self
        }
    }
}
