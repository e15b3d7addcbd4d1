import Foundation
import Testing

@testable import Transforms

/// The conformance mappers `lookups`, `lists`, `parse`, `dates` (and `typed`'s `nv_` fields)
/// against the expected field values of their samples in ../shared/conformance.
///
/// Each field runs as its own pipeline, as the mapper runs it. A field whose pipeline uses a
/// step another part of the engine provides, and that this build does not register yet, is
/// left out (and printed); once every step is registered, every field runs.
@Suite(.enabled(if: DataConformance.isPresent, SharedData.absent("conformance/mapping")))
struct StepsDataConformanceTests {
    static let cases: [DataConformance.Case] = [
        .init(mapper: "lookups", samples: "lookup-default-coalesce"),
        .init(mapper: "lists", samples: "lists"),
        .init(mapper: "lists", samples: "each-if-conditions"),
        .init(mapper: "parse", samples: "parse"),
        .init(mapper: "dates", samples: "dates-tr35-timezones"),
        .init(mapper: "typed", samples: "no-value-rule", fieldPrefix: "nv_"),
    ]

    @Test(arguments: cases)
    func samplesMapAsExpected(_ conformance: DataConformance.Case) throws {
        let mapper = try DataConformance.Mapper(conformance)
        let files = try FileManager.default.contentsOfDirectory(atPath: conformance.samplesFolder)
            .filter { $0.hasSuffix(".expected.json") }.sorted()
        #expect(!files.isEmpty)
        for file in files {
            let expected = try DataConformance.readJSON("\(conformance.samplesFolder)/\(file)").arrayValue ?? []
            let source = String(file.dropLast(".expected.json".count)) + ".json"
            let received = try DataConformance.readJSON("\(conformance.samplesFolder)/\(source)")
            let payloads =
                expected.count == 1 && expected[0].objectValue?["source"] == .string(source)
                ? [received] : (received.arrayValue ?? [])
            #expect(payloads.count == expected.count, "\(source)")
            for (payload, outcome) in zip(payloads, expected) {
                try mapper.check(payload, against: outcome, source: source)
            }
        }
    }
}

enum DataConformance {
    static let root = SharedData.url("conformance/mapping").path

    static var isPresent: Bool { FileManager.default.fileExists(atPath: root) }

    static func readJSON(_ path: String) throws -> JSON {
        try JSON.parse(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var mapper: String
        var samples: String
        var fieldPrefix: String = ""

        var samplesFolder: String { "\(DataConformance.root)/samples/\(samples)" }
        var testDescription: String { "\(mapper) on \(samples)" }
    }

    /// A mapper's `prepare` and fields, compiled one by one.
    struct Mapper {
        var prepare: [Pipeline] = []
        var fields: [(name: String, pipeline: Pipeline)] = []

        init(_ conformance: Case) throws {
            let node = try YAMLLoader.load(contentsOf: "\(DataConformance.root)/mappers/\(conformance.mapper).yaml")
            let registry = StepRegistry.builtIn
            if case .sequence(let steps)? = node["prepare"]?.content {
                let compiler = PipelineCompiler(registry: registry, place: "prepare", isPrepare: true)
                for step in steps { prepare.append(try compiler.compilePipeline(step)) }
            }
            guard case .mapping(let members)? = node["fields"]?.content else { return }
            for member in members where member.key.hasPrefix(conformance.fieldPrefix) {
                let compiler = PipelineCompiler(registry: registry, place: "fields.\(member.key)")
                switch Result(catching: { () throws(SourceError) -> Pipeline in try compiler.compilePipeline(member.value) }) {
                case .success(let pipeline):
                    fields.append((member.key, pipeline))
                case .failure(let error) where error.kind == .unknownStep:
                    print("skipped: \(conformance.mapper) field '\(member.key)' uses a step not registered here (\(error.message))")
                case .failure(let error):
                    throw error
                }
            }
        }

        /// Maps `payload` field by field and compares with the expected dry-run element.
        func check(_ payload: JSON, against outcome: JSON, source: String) throws {
            var prepared = payload
            var errors: [String] = []
            do {
                for step in prepare {
                    prepared = try step.run(prepared, in: StepContext(payload: prepared)) ?? .null
                }
            } catch {
                errors.append(error.message)
            }
            var values: [String: JSON] = [:]
            if errors.isEmpty {
                for (name, pipeline) in fields {
                    do {
                        let value = try pipeline.run(nil, in: StepContext(payload: prepared, fields: values))
                        if value.hasValue, let value { values[name] = value }
                    } catch {
                        errors.append("fields.\(name): \(error.message)")
                    }
                }
            }
            let status = outcome.objectValue?["status"]?.stringValue
            if status == "quarantined" {
                #expect(!errors.isEmpty, "\(source): expected a quarantine")
                return
            }
            #expect(errors.isEmpty, "\(source): \(errors)")
            let incident = outcome.objectValue?["incident"]?.objectValue
            let expectedFields = incident?["fields"]?.objectValue ?? JSONObject()
            for (name, _) in fields {
                let actual = StepHarness.printed(values[name])
                var expected = expectedFields[name]?.serialized()
                if name == "occurred", values[name] != nil { expected = incident?["occurred"]?.serialized() }
                #expect(actual == expected, "\(source): field \(name)")
            }
        }
    }
}
