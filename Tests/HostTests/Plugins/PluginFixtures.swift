import Foundation
import Plugins
import Transforms

/// The plugins `scripts/build-plugins.sh` builds: the shipped examples in `mappers/plugins/`
/// and the misbehaving fixtures in `.build/test-plugins/`.
enum PluginFixtures {
    static let root = IntakeBinary.packageRoot
    static let shippedFolder = root.appendingPathComponent("mappers/plugins").path
    static let testFolder = root.appendingPathComponent(".build/test-plugins").path

    static func shipped(_ name: String) -> String { "\(shippedFolder)/\(name).wasm" }
    static func fixture(_ name: String) -> String { "\(testFolder)/\(name).wasm" }

    static var areBuilt: Bool {
        ["defang", "mask"].allSatisfy { FileManager.default.fileExists(atPath: shipped($0)) }
            && ["test_loop", "test_trap", "test_invalid_json"].allSatisfy { FileManager.default.fileExists(atPath: fixture($0)) }
    }

    /// The built-in registry plus the given plugin files, as the host builds it.
    static func registry(_ files: [String], limits: PluginLimits = PluginLimits()) throws -> StepRegistry {
        try PluginFolder(files: files, builtIn: .builtIn, limits: limits).registering(into: .builtIn)
    }

    /// Compiles a pipeline (YAML text) as `fields.x` of `test.yaml`.
    static func pipeline(_ yaml: String, registry: StepRegistry) throws -> Pipeline {
        try PipelineCompiler(registry: registry, place: "fields.x").compilePipeline(YAMLLoader.load(yaml, file: "test.yaml"))
    }

    /// The load error of a pipeline, or `nil` when it compiles.
    static func loadError(_ yaml: String, registry: StepRegistry) throws -> SourceError? {
        do {
            _ = try pipeline(yaml, registry: registry)
            return nil
        } catch let error as SourceError {
            return error
        }
    }

    /// Runs a pipeline on an input; the step error's message when it fails.
    static func run(_ yaml: String, input: JSON?, registry: StepRegistry) throws -> Result<JSON?, StepError> {
        let compiled = try pipeline(yaml, registry: registry)
        do { return .success(try compiled.run(input, in: StepContext(payload: .object(JSONObject())))) } catch {
            return .failure(error)
        }
    }

    /// A file in a fresh temporary folder holding `bytes`.
    static func temporaryFile(named name: String, bytes: [UInt8]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intake-plugin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}
