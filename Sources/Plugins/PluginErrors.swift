import Transforms

/// Why a plugin file could not be made into a step: a load error of `intake check`, `serve`
/// and every other command that loads mappers.
package struct PluginLoadError: Error, CustomStringConvertible, Sendable {
    package enum Reason: Error, Sendable, CustomStringConvertible {
        case unreadable(String)
        case invalidModule(String)
        case forbiddenImport(module: String, name: String, granted: [PluginCapability])
        case missingExport(String, expected: String)
        case overMemoryCap(bytes: Int, cap: Int)
        case invalidMetadata(String)
        case failed(String)
        case builtInName(String)
        case duplicateName(String, first: String)

        package var description: String {
            switch self {
            case .unreadable(let why): "cannot read the plugin: \(why)"
            case .invalidModule(let why): "not a valid WebAssembly module: \(why)"
            case .forbiddenImport(let module, let name, let granted):
                "the module imports \(module).\(name), which is not granted"
                    + (granted.isEmpty
                        ? " (no capability is granted to this plugin)" : " (granted: \(granted.map(\.rawValue).joined(separator: ", ")))")
                    + "; plugins have no files or network, and the clock needs `plugins: {grants: {NAME: [clock]}}`"
            case .missingExport(let name, let expected): "the module must export \(name) as \(expected) (docs/plugins.md)"
            case .overMemoryCap(let bytes, let cap): "the module starts with \(bytes) bytes of memory, over the cap of \(cap) (plugins.memory_mb)"
            case .invalidMetadata(let why): "bad metadata: \(why)"
            case .failed(let why): "the plugin failed while loading: \(why)"
            case .builtInName(let name): "'\(name)' is a built-in step: a plugin cannot take its name"
            case .duplicateName(let name, let first): "a plugin named '\(name)' is already loaded from \(first): two plugins cannot share a name"
            }
        }
    }

    /// The plugin file.
    package var file: String
    package var reason: Reason

    package init(file: String, reason: Reason) {
        self.file = file
        self.reason = reason
    }

    package var description: String { "\(file): \(reason)" }

    /// As a load error of the mappers folder: a binary file has no lines, so it points at 1:1.
    package var mapperError: SourceError {
        SourceError(.invalidValue, "\(reason)", at: SourceMark(file: file, line: 1, column: 1))
    }
}

/// What went wrong in one call: the payload's step fails with this and is quarantined.
enum PluginCallError: Error, CustomStringConvertible {
    /// The instance trapped (including running out of fuel): it is discarded.
    case trapped(String)
    case outOfFuel(UInt64)
    /// The plugin broke the ABI (a pointer out of bounds, output that is not the response shape).
    case invalidOutput(String)
    /// The plugin reported an error through the ABI's error channel.
    case reported(String)

    var description: String {
        switch self {
        case .trapped(let why): "the plugin trapped: \(why)"
        case .outOfFuel(let fuel): "the plugin ran past its work bound (\(fuel) fuel units) and was stopped; does it loop?"
        case .invalidOutput(let why): "the plugin returned invalid output: \(why)"
        case .reported(let message): message
        }
    }

    /// Whether the instance may be reused: only after a clean error report. A trap can leave
    /// its memory half-written, and a plugin that broke the ABI once is not trusted again.
    var keepsInstance: Bool {
        if case .reported = self { return true }
        return false
    }
}
