/// `field: NAME`: a field already mapped, after its coercion (SEMANTICS S16, S24).
///
/// Fields map in file order, so a later or failed field is missing here.
public struct FieldStep: Step {
    public static let name = "field"
    public static let signature = StepSignature(
        argument: .required, input: .source, summary: "a field mapped earlier in the file")

    let field: String
    let mark: SourceMark

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        let main = try arguments.requiredMain()
        field = try arguments.scalarText(main, "a field name")
        mark = main.mark
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        context.fields[field]
    }

    public var traceArgument: JSON? { .string(field) }

    public var references: [StepReference] { [.field(field, at: mark)] }
}
