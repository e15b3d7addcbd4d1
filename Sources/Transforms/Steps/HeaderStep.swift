/// `header: NAME`: the first request header with that name, compared case-insensitively
/// (SEMANTICS S25).
///
/// Repeated headers are not joined: joining would invent a value no sender wrote.
public struct HeaderStep: Step {
    public static let name = "header"
    public static let signature = StepSignature(
        argument: .required, input: .source, summary: "a request header's value")

    let header: String
    let folded: String

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        let main = try arguments.requiredMain()
        header = try arguments.scalarText(main, "a header name")
        guard !header.isEmpty else { throw arguments.error("a header name cannot be empty", at: main) }
        folded = header.lowercased()
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard let match = context.headers.first(where: { $0.name.lowercased() == folded }) else { return nil }
        context.note("header", .string(match.name))
        return .string(match.value)
    }

    public var traceArgument: JSON? { .string(header) }
}
