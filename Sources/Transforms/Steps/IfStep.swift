/// `if: {when: CONDITION, then: PIPELINE, else: PIPELINE}`, or `{if: CONDITION, then: …,
/// else: …}`: runs the branch the condition picks on the step's input (SEMANTICS S52).
///
/// A missing branch passes the input through. `if` is not a transforming step: a condition
/// without `path` tests the input as it is, so `equals: ""` holds for `""` (S59).
public struct IfStep: Step {
    public static let name = "if"
    public static let signature = StepSignature(
        argument: .required, mainOption: "when", options: ["then", "else"], input: .custom,
        summary: "run one of two pipelines by a condition")

    let condition: Condition
    let thenBranch: Pipeline?
    let elseBranch: Pipeline?

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        let main = try arguments.requiredMain()
        if case .mapping(let members) = main.content, members.contains(where: { $0.key == "when" }),
            let unknown = members.first(where: { !["when", "then", "else"].contains($0.key) })
        {
            // `{if: {when: …, thn: …}}`: meant as the options form, but a key is wrong.
            throw SourceError(
                .unknownKey, "\(arguments.place): unknown option '\(unknown.key)' (if takes 'when', 'then', 'else')", at: unknown.keyMark)
        }
        condition = try arguments.nestedCompiler(compiler, "when").compileCondition(main)
        thenBranch = try arguments.options["then"].map { node throws(SourceError) in
            try arguments.nestedCompiler(compiler, "then").compilePipeline(node)
        }
        elseBranch = try arguments.options["else"].map { node throws(SourceError) in
            try arguments.nestedCompiler(compiler, "else").compilePipeline(node)
        }
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        let holds = try condition.holds(subject: input, payload: context.payload)
        context.note("branch", .string(holds ? "then" : "else"))
        guard let branch = holds ? thenBranch : elseBranch else { return input }
        do {
            return try branch.run(input, in: context)
        } catch {
            throw StepError("\(holds ? "then" : "else"): \(error.message)")
        }
    }

    /// Its branches; the condition's operands are tests, not outputs.
    public var references: [StepReference] { [thenBranch, elseBranch].compactMap { $0.map(StepReference.pipeline) } }
}
