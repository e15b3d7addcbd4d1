import Testing
@testable import Transforms

/// Compiles small pipelines from YAML text and runs them, for the step tests.
enum StepHarness {
    /// Compiles `yaml` (a whole pipeline) as `fields.x` with the built-in registry.
    static func compile(_ yaml: String, registry: StepRegistry = .builtIn) throws -> Pipeline {
        let node = try YAMLLoader.load(yaml, file: "test.yaml")
        return try PipelineCompiler(registry: registry, place: "fields.x").compilePipeline(node)
    }

    /// Runs `yaml` on `input` (the first step's input) with a payload, fields and headers.
    static func run(
        _ yaml: String, input: JSON? = nil, payload: JSON = [:], root: JSON? = nil, fields: [String: JSON] = [:],
        type: String? = nil, headers: [HTTPHeader] = [], recorder: TraceRecorder? = nil
    ) throws -> JSON? {
        let context = StepContext(
            payload: payload, root: root, fields: fields, type: type, headers: headers, recorder: recorder)
        return try compile(yaml).run(input, in: context)
    }

    /// The load error `yaml` gives, or `nil` when it compiles.
    static func mapperError(_ yaml: String) throws -> MapperError? {
        do {
            _ = try compile(yaml)
            return nil
        } catch let error as MapperError {
            return error
        }
    }

    /// The runtime error running `yaml` on `input` gives, or `nil` when it runs.
    static func stepError(_ yaml: String, input: JSON?) throws -> StepError? {
        let pipeline = try compile(yaml)
        do {
            _ = try pipeline.run(input, in: StepContext(payload: [:]))
            return nil
        } catch {
            return error
        }
    }
}
