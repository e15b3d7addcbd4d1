/// `join: SEP`: a list becomes one string; `null` elements are skipped, others render as
/// their text (SEMANTICS S12, S37).
///
/// A non-list input is a one-element list, so `join` after a step that sometimes yields one
/// value and sometimes several always gives text.
public struct JoinStep: Step {
    public static let name = "join"
    public static let signature = StepSignature(
        argument: .required, input: .transform, summary: "join a list into text with a separator")

    let separator: String

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        separator = try arguments.scalarText(try arguments.requiredMain(), "the separator")
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard let input else { return nil }
        let elements: [JSON]
        if case .array(let array) = input { elements = array } else { elements = [input] }
        return .string(elements.filter { !$0.isNull }.map(\.text).joined(separator: separator))
    }

    public var traceArgument: JSON? { .string(separator) }
}
