import Testing
@testable import Transforms

/// Compiles and runs small pipelines written as YAML text, for the data-step tests.
enum DataSteps {
    /// The pipeline written in `yaml`, compiled at `fields.x` (or in `prepare`).
    static func compile(_ yaml: String, prepare: Bool = false) throws -> Pipeline {
        let node = try YAMLLoader.load(yaml, file: "test.yaml")
        let compiler = PipelineCompiler(registry: .builtIn, place: prepare ? "prepare" : "fields.x", isPrepare: prepare)
        return try compiler.compilePipeline(node)
    }

    /// Runs the pipeline on `payload` (JSON text); the first step receives `input`.
    static func run(_ yaml: String, payload: String = "{}", input: JSON? = nil, prepare: Bool = false) throws -> JSON? {
        let payload = try JSON.parse(payload)
        return try compile(yaml, prepare: prepare).run(input, in: StepContext(payload: payload))
    }

    /// The load error of `yaml`, or `nil` when it compiles.
    static func loadError(_ yaml: String) -> MapperError? {
        do {
            _ = try compile(yaml)
            return nil
        } catch let error as MapperError {
            return error
        } catch {
            Issue.record("expected a MapperError, got \(error)")
            return nil
        }
    }

    /// The run-time error of `yaml` on `payload`, or `nil` when it maps.
    static func stepError(_ yaml: String, payload: String = "{}", input: JSON? = nil, prepare: Bool = false) throws -> StepError? {
        let pipeline = try compile(yaml, prepare: prepare)
        let context = StepContext(payload: try JSON.parse(payload))
        do {
            _ = try pipeline.run(input, in: context)
            return nil
        } catch {
            return error
        }
    }

    /// The trace of one run, for the notes steps leave when explaining.
    static func trace(_ yaml: String, payload: String = "{}") throws -> [JSON] {
        let recorder = TraceRecorder()
        _ = try compile(yaml).run(nil, in: StepContext(payload: try JSON.parse(payload), recorder: recorder))
        return recorder.takeSteps()
    }

    /// A JSON value from JSON text, for expectations.
    static func json(_ text: String) throws -> JSON { try JSON.parse(text) }

    /// The value as printed, instants as RFC 3339: compares `1` and `1.0` apart.
    static func printed(_ value: JSON?) -> String? { value.map { $0.withInstantsAsText.serialized() } }
}

extension JSON {
    /// The value with every instant replaced by its RFC 3339 text, as incidents print it.
    var withInstantsAsText: JSON {
        switch self {
        case .instant(let instant): .string(instant.rfc3339)
        case .array(let elements): .array(elements.map(\.withInstantsAsText))
        case .object(let object): .object(JSONObject(object.members.map { ($0.key, $0.value.withInstantsAsText) }))
        default: self
        }
    }
}
