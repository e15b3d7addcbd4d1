import Transforms

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The WebAssembly plugins of a folder (`mappers/plugins/` by default), loaded together so
/// that name clashes are reported as load errors (SPEC §11).
package struct PluginFolder: Sendable {
    package private(set) var plugins: [WasmPlugin]

    /// Loads every `*.wasm` file of the folder in name order; a missing folder has none.
    ///
    /// - Throws: every plugin that failed, as `file:1:1: message` load errors.
    package init(directory: String, builtIn: StepRegistry, limits: PluginLimits = PluginLimits()) throws(SourceErrors) {
        try self.init(files: Self.wasmFiles(in: directory), builtIn: builtIn, limits: limits)
    }

    package init(files: [String], builtIn: StepRegistry, limits: PluginLimits = PluginLimits()) throws(SourceErrors) {
        plugins = []
        var errors: [SourceError] = []
        var fileByName: [String: String] = [:]
        for file in files {
            let plugin: WasmPlugin
            do { plugin = try WasmPlugin(file: file, limits: limits) } catch {
                errors.append(error.mapperError)
                continue
            }
            let name = plugin.metadata.name
            if builtIn[name] != nil {
                errors.append(PluginLoadError(file: file, reason: .builtInName(name)).mapperError)
            } else if let first = fileByName[name] {
                errors.append(PluginLoadError(file: file, reason: .duplicateName(name, first: first)).mapperError)
            } else {
                fileByName[name] = file
                plugins.append(plugin)
            }
        }
        guard errors.isEmpty else { throw SourceErrors(errors) }
    }

    /// `registry` with every plugin of the folder added.
    package func registering(into registry: StepRegistry) throws(SourceErrors) -> StepRegistry {
        var result = registry
        for plugin in plugins {
            do { result = try result.adding(plugin.definition) } catch {
                throw SourceErrors([PluginLoadError(file: plugin.file, reason: .builtInName(plugin.metadata.name)).mapperError])
            }
        }
        return result
    }

    static func wasmFiles(in directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasSuffix(".wasm") && !name.hasPrefix(".") { names.append(name) }
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return names.sorted().map { base + $0 }
    }
}
