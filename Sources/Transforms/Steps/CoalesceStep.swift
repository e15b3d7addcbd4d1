/// `coalesce: [PIPELINE, …]`: the first pipeline result that has a value (SEMANTICS S27).
///
/// Each pipeline receives the step's own input, so `coalesce` can pick between several
/// readings of one value as well as between several payload paths.
public struct CoalesceStep: Step {
    public static let name = "coalesce"
    public static let signature = StepSignature(
        argument: .required, input: .custom, summary: "the first of several pipelines that gives a value")

    let pipelines: [Pipeline]

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        let main = try arguments.requiredMain()
        guard case .sequence(let elements) = main.content else {
            throw arguments.error("expected a list of pipelines, got \(main.kindName): write coalesce: [$.a, $.b]", kind: .wrongShape, at: main)
        }
        guard !elements.isEmpty else {
            throw arguments.error("needs at least one pipeline: write coalesce: [$.a, $.b]", kind: .missingKey, at: main)
        }
        // Nested places read `fields.x: step 2 (coalesce)[1]: step 1 (trim)`.
        var pipelines: [Pipeline] = []
        for (index, element) in elements.enumerated() {
            let nested = PipelineCompiler(registry: compiler.registry, place: "\(arguments.place)[\(index)]")
            pipelines.append(try nested.compilePipeline(element))
        }
        self.pipelines = pipelines
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        for (index, pipeline) in pipelines.enumerated() {
            let result: JSON?
            do {
                result = try pipeline.run(input, in: context)
            } catch {
                throw StepError("[\(index)]: \(error.message)")
            }
            if result.hasValue { return result }
        }
        return nil
    }

    public var references: [StepReference] { pipelines.map(StepReference.pipeline) }
}
