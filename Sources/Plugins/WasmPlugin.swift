import Transforms
import WasmKit

/// A WebAssembly step loaded from a `.wasm` file (SPEC §11, docs/plugins.md).
///
/// Loading parses and validates the module, checks that it imports only what its grants
/// allow, instantiates it once to read its metadata, and keeps that instance as the first of
/// its pool. The plugin is then a `StepDefinition` like any built-in.
package struct WasmPlugin: Sendable {
    package var metadata: PluginMetadata
    /// The file it was loaded from, for `intake plugins list` and errors.
    package var file: String
    let pool: InstancePool

    package init(file: String, limits: PluginLimits = PluginLimits()) throws(PluginLoadError) {
        do {
            (metadata, pool) = try Self.load(file: file, limits: limits)
        } catch {
            throw PluginLoadError(file: file, reason: error)
        }
        self.file = file
    }

    private static func load(file: String, limits: PluginLimits) throws(PluginLoadError.Reason) -> (PluginMetadata, InstancePool) {
        let bytes: [UInt8]
        do { bytes = try readBinaryFile(file) } catch { throw .unreadable("\(error)") }
        let module: Module
        do { module = try parseWasm(bytes: bytes) } catch { throw .invalidModule(PluginInstance.firstLine(of: error)) }
        // Grants are by step name, known only from the metadata: the metadata instance gets the
        // grants of every name the configuration lists, and the name is checked against them.
        let allGranted = limits.grants.values.reduce(into: Set<PluginCapability>()) { $0.formUnion($1) }
        try checkImports(module, granted: allGranted)
        let engine = Engine(configuration: EngineConfiguration(stackSize: 1 << 16, fuelMetering: true))
        let first = try PluginInstance(module: module, engine: engine, limits: limits, grants: allGranted)
        let metadata: PluginMetadata
        do { metadata = try PluginMetadata(json: try first.metadata()) } catch let error as PluginCallError {
            throw .failed("intake_metadata: \(error)")
        } catch let error as PluginLoadError.Reason {
            throw error
        } catch {
            throw .failed("\(error)")
        }
        let grants = limits.grants[metadata.name] ?? []
        try checkImports(module, granted: grants)
        let pool = InstancePool(module: module, engine: engine, limits: limits, grants: grants, first: first)
        return (metadata, pool)
    }

    private static func checkImports(_ module: Module, granted: Set<PluginCapability>) throws(PluginLoadError.Reason) {
        for entry in module.imports {
            let isGranted =
                entry.module == "intake"
                && PluginCapability.allCases.contains { capability in
                    granted.contains(capability) && capability.importName == entry.name
                }
            if !isGranted {
                throw .forbiddenImport(module: entry.module, name: entry.name, granted: granted.sorted { $0.rawValue < $1.rawValue })
            }
        }
    }

    /// The registry entry: a bare `- name` or `- name: ARGUMENT`, the argument checked against
    /// the plugin's schema while the mapper compiles.
    package var definition: StepDefinition {
        let plugin = self
        let signature = StepSignature(
            argument: metadata.argumentSchema == nil ? .none : .optional, input: metadata.input,
            summary: metadata.summary)
        return StepDefinition(
            name: metadata.name, signature: signature, isOptionsForm: { _ in false },
            compile: { arguments, _ throws(SourceError) in try WasmStep(plugin: plugin, arguments: arguments) },
            origin: .webAssembly(file: file), version: metadata.version, argumentSchema: metadata.argumentSchemaJSON)
    }

    /// One call, for the step and the benchmark.
    func call(request: [UInt8]) throws(PluginCallError) -> [UInt8] {
        try pool.call(request: request)
    }

    /// Idle instances right now.
    package var idleInstanceCount: Int { pool.idleCount }
}

extension PluginCapability {
    /// The function a module imports from the `intake` module to use the capability.
    var importName: String {
        switch self {
        case .clock: "clock_now_ms"
        }
    }
}
