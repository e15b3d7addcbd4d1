/// An ordered list of compiled steps; the output of one is the input of the next.
public struct Pipeline: Sendable {
    struct Entry: Sendable {
        var step: any Step
        var name: String
        var input: StepSignature.InputPolicy
    }

    var entries: [Entry]

    /// The number of steps, for `intake check`'s reasoning about what a pipeline can produce.
    public var count: Int { entries.count }
    public var stepNames: [String] { entries.map(\.name) }

    /// Runs the pipeline. The first step receives `input` (missing for a field, S15).
    ///
    /// - Throws: the first step's error, prefixed with `step N (name)`.
    public func run(_ input: JSON? = nil, in context: StepContext) throws(StepError) -> JSON? {
        var value = input
        for (index, entry) in entries.enumerated() {
            if entry.input == .transform && !value.hasValue {
                context.recorder?.beginStep(name: entry.name, argument: entry.step.traceArgument, input: value)
                context.recorder?.endStep(output: nil)
                value = nil
                continue
            }
            context.recorder?.beginStep(name: entry.name, argument: entry.step.traceArgument, input: value)
            do {
                value = try entry.step.apply(value, in: context)
            } catch {
                context.recorder?.endStep(output: nil, error: error.message)
                throw StepError("step \(index + 1) (\(entry.name)): \(error.message)")
            }
            context.recorder?.endStep(output: value)
        }
        return value
    }
}
