import Testing

@testable import Transforms

/// Compiles small pipelines written as YAML text and runs them, for every step test.
enum StepHarness {
    /// Compiles `yaml` (a whole pipeline) at `fields.x`, or in `prepare`, with `registry`.
    static func compile(_ yaml: String, registry: StepRegistry = .builtIn, prepare: Bool = false) throws -> Pipeline {
        let node = try YAMLLoader.load(yaml, file: "test.yaml")
        let compiler = PipelineCompiler(registry: registry, place: prepare ? "prepare" : "fields.x", isPrepare: prepare)
        return try compiler.compilePipeline(node)
    }

    /// Runs `yaml` with `input` as the first step's input, on a payload, fields and headers.
    static func run(
        _ yaml: String, input: JSON? = nil, payload: JSON = [:], root: JSON? = nil, fields: [String: JSON] = [:],
        type: String? = nil, headers: [HTTPHeader] = [], recorder: TraceRecorder? = nil, prepare: Bool = false
    ) throws -> JSON? {
        let context = StepContext(
            payload: payload, root: root, fields: fields, type: type, headers: headers, recorder: recorder)
        return try compile(yaml, prepare: prepare).run(input, in: context)
    }

    /// The load error `yaml` gives, or `nil` when it compiles.
    static func mapperError(_ yaml: String) throws -> SourceError? {
        do {
            _ = try compile(yaml)
            return nil
        } catch let error as SourceError {
            return error
        }
    }

    /// The run-time error running `yaml` on `input` and `payload` gives, or `nil` when it runs.
    static func stepError(_ yaml: String, input: JSON? = nil, payload: JSON = [:], prepare: Bool = false) throws -> StepError? {
        let pipeline = try compile(yaml, prepare: prepare)
        do {
            _ = try pipeline.run(input, in: StepContext(payload: payload))
            return nil
        } catch {
            return error
        }
    }

    /// The trace of one run, for the notes steps leave when explaining.
    static func trace(_ yaml: String, payload: JSON = [:]) throws -> [JSON] {
        let recorder = TraceRecorder()
        _ = try run(yaml, payload: payload, recorder: recorder)
        return recorder.takeSteps()
    }

    /// A JSON value from JSON text, for payloads and expectations.
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
