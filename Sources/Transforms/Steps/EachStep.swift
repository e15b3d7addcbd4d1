/// `each: PIPELINE`: runs a pipeline on every element of a list and gives the list of results
/// (SEMANTICS S43).
///
/// Missing results are dropped and `null` results kept. An element with no value is handed to
/// the pipeline as it is, so each nested step applies the "no value" rule itself (S59). A
/// non-list input runs the pipeline once, unwrapped.
public struct EachStep: Step {
    public static let name = "each"
    public static let signature = StepSignature(
        argument: .required, input: .transform, summary: "run a pipeline on each element of a list")

    let pipeline: Pipeline

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        pipeline = try arguments.nestedCompiler(compiler).compilePipeline(try arguments.requiredMain())
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard case .array(let elements)? = input else { return try pipeline.run(input, in: context) }
        var results: [JSON] = []
        results.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            do {
                if let result = try pipeline.run(element, in: context) { results.append(result) }
            } catch {
                throw StepError("element \(index + 1): \(error.message)")
            }
        }
        return .array(results)
    }

    public var traceArgument: JSON? { .array(pipeline.stepNames.map { .string($0) }) }

    public var references: [StepReference] { [.pipeline(pipeline)] }
}
