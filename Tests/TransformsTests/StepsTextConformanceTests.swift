import Foundation
import Testing

@testable import Transforms

/// Runs the conformance cases of the topics these steps own (paths-and-get, strings, regex,
/// extract, split-join) field by field, and compares with the fields of `X.expected.json`.
///
/// A full mapper run (types, coercion, dedup) is the mapper engine's job; here each field's
/// pipeline runs in file order with earlier fields visible, which is all these mappers use.
/// The few steps of other parts they need (`default`, `count`, `compact`, `each`) are stood in
/// for by the small stubs below until the real ones are registered.
@Suite(
    "Sources and text steps: conformance cases",
    .enabled(if: SharedData.has("conformance/mapping/mappers"), SharedData.absent("conformance/mapping/mappers")))
struct StepsTextConformanceTests {
    static let mapping = SharedData.url("conformance/mapping").path
    static let topics = ["paths-and-get", "strings", "regex", "extract", "split-join"]

    static var cases: [String] {
        var cases: [String] = []
        for topic in topics {
            let folder = mapping + "/samples/" + topic
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names.sorted() where name.hasSuffix(".expected.json") {
                cases.append(topic + "/" + name.dropLast(".expected.json".count))
            }
        }
        return cases
    }

    @Test func everyTopicHasCases() {
        #expect(Self.cases.count >= 13)
    }

    @Test(arguments: cases)
    func conformanceCase(_ name: String) throws {
        let base = Self.mapping + "/samples/" + name
        let args = try readJSON(base + ".args.json")
        let expected = try #require(try readJSON(base + ".expected.json").arrayValue)
        let chain = (args.objectValue?["mappers"]?.arrayValue ?? []).compactMap(\.stringValue)
        try #require(chain.count == 1)
        let headers = (args.objectValue?["headers"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(HTTPHeader.init(line:)) }
        let mapper = try YAMLLoader.load(contentsOf: Self.mapping + "/mappers/" + chain[0] + ".yaml")
        let fields = try #require(mapper["fields"])
        guard case .mapping(let members) = fields.content else {
            Issue.record("\(chain[0]): fields is not a map")
            return
        }
        let registry = try Self.registry()
        let pipelines = try members.map { member in
            (member.key, try PipelineCompiler(registry: registry, place: "fields.\(member.key)").compilePipeline(member.value))
        }

        let payload = try readJSON(base + ".json")
        let payloads = payload.arrayValue ?? [payload]
        #expect(payloads.count == expected.count)
        for (payload, expectation) in zip(payloads, expected) {
            var mapped: [String: JSON] = [:]
            var errors: [String] = []
            for (field, pipeline) in pipelines {
                let context = StepContext(payload: payload, fields: mapped, type: "Unclassified", headers: headers)
                do {
                    let value = try pipeline.run(nil, in: context)
                    if value.hasValue { mapped[field] = value }
                } catch {
                    errors.append("fields.\(field): \(error.message)")
                }
            }
            let entry = try #require(expectation.objectValue)
            #expect(errors.isEmpty, "\(name): \(errors)")
            #expect(entry["status"] == "mapped")
            let incident = try #require(entry["incident"]?.objectValue)
            var wanted: [String: JSON] = [:]
            for member in incident["fields"]?.objectValue?.members ?? [] { wanted[member.key] = member.value }
            for key in ["name", "details"] { wanted[key] = incident[key] }
            for key in Set(wanted.keys).union(mapped.keys).sorted() {
                #expect(mapped[key] == wanted[key], "\(name): field \(key)")
            }
        }
    }

    func readJSON(_ path: String) throws -> JSON {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSON.parse(bytes: data)
    }

    /// The built-in registry, with stand-ins for steps other parts provide when they are absent.
    static func registry() throws -> StepRegistry {
        var registry = StepRegistry.builtIn
        for stub in [
            StepDefinition(DefaultStub.self), StepDefinition(CountStub.self), StepDefinition(CompactStub.self),
            StepDefinition(EachStub.self),
        ] where registry[stub.name] == nil {
            registry = try registry.adding(stub)
        }
        return registry
    }
}

/// S41 as far as the conformance mappers use it.
struct DefaultStub: Step {
    static let name = "default"
    static let signature = StepSignature(argument: .required, input: .custom, summary: "test stand-in")
    let literal: JSON
    init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        literal = try arguments.requiredMain().json
    }
    func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? { input.hasValue ? input : literal }
}

/// S42 `count`.
struct CountStub: Step {
    static let name = "count"
    static let signature = StepSignature(argument: .none, input: .custom, summary: "test stand-in")
    init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {}
    func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        if case .array(let elements)? = input { return .number(.int(elements.count)) }
        return .number(.int(input.hasValue ? 1 : 0))
    }
}

/// S42 `compact`.
struct CompactStub: Step {
    static let name = "compact"
    static let signature = StepSignature(argument: .none, input: .transform, summary: "test stand-in")
    init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {}
    func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard case .array(let elements)? = input else { return input }
        return .array(elements.filter { $0 != .null && $0 != "" })
    }
}

/// S43 `each`.
struct EachStub: Step {
    static let name = "each"
    static let signature = StepSignature(argument: .required, input: .transform, summary: "test stand-in")
    let pipeline: Pipeline
    init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        pipeline = try compiler.nested("each").compilePipeline(try arguments.requiredMain())
    }
    func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard case .array(let elements)? = input else { return try pipeline.run(input, in: context) }
        var results: [JSON] = []
        for element in elements {
            if let result = try pipeline.run(element, in: context) { results.append(result) }
        }
        return .array(results)
    }
}
