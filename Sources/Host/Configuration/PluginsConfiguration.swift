import Plugins
import Transforms

/// Where WebAssembly steps come from and the sandbox they run in (`plugins:`, docs/plugins.md).
package struct PluginsConfiguration: Sendable, Equatable {
    /// The folder of `.wasm` steps; `nil`: `plugins/` inside the mappers folder.
    package var folder: String?
    /// Memory cap, work bound, idle instances and grants. Defaults: 16 MiB, 10,000,000 fuel,
    /// 4 idle instances per plugin, no grants.
    package var limits: PluginLimits = PluginLimits()

    package init(folder: String? = nil, limits: PluginLimits = PluginLimits()) {
        self.folder = folder
        self.limits = limits
    }
}

extension IntakeConfiguration {
    /// The plugin folder in force: `plugins.folder`, else `<mappers>/plugins`.
    package var pluginFolder: String { plugins.folder ?? PluginsConfiguration.defaultFolder(mappers: mappers) }
}

extension PluginsConfiguration {
    /// `plugins/` inside a mappers folder: where a user drops a `.wasm` (SPEC §11).
    package static func defaultFolder(mappers: String) -> String {
        mappers.hasSuffix("/") ? mappers + "plugins" : mappers + "/plugins"
    }
}

extension ConfigurationDecoder {
    static let pluginsKeys = ["folder", "memory_mb", "fuel", "idle_instances", "grants"]

    func plugins(_ node: YAMLNode) -> PluginsConfiguration? {
        guard let keys = members(of: node, at: "plugins", allowed: Self.pluginsKeys) else {
            return nil
        }
        var plugins = PluginsConfiguration()
        if let node = keys["folder"] { plugins.folder = path(node, at: "plugins.folder") }
        if let node = keys["memory_mb"], let megabytes = integer(node, at: "plugins.memory_mb", in: 1...4096) {
            plugins.limits.memoryBytes = megabytes << 20
        }
        if let node = keys["fuel"], let fuel = integer(node, at: "plugins.fuel", in: 1_000...1_000_000_000_000) {
            plugins.limits.fuelPerCall = UInt64(fuel)
        }
        if let node = keys["idle_instances"], let count = integer(node, at: "plugins.idle_instances", in: 0...1024) {
            plugins.limits.idleInstances = count
        }
        if let node = keys["grants"] { plugins.limits.grants = grants(node) }
        return plugins
    }

    /// `grants: {STEP: [clock]}`.
    private func grants(_ node: YAMLNode) -> [String: Set<PluginCapability>] {
        guard case .mapping(let members) = node.content else {
            fail(.wrongShape, "plugins.grants must be a map of step names to lists of capabilities, such as {stamp: [clock]}", at: node.mark)
            return [:]
        }
        var grants: [String: Set<PluginCapability>] = [:]
        for member in members {
            guard case .sequence(let items) = member.value.content else {
                fail(.wrongShape, "plugins.grants.\(member.key) must be a list of capabilities, such as [clock]", at: member.value.mark)
                continue
            }
            for item in items {
                guard case .scalar(.string(let text), _, _) = item.content, let capability = PluginCapability(rawValue: text) else {
                    let known = PluginCapability.allCases.map(\.rawValue).joined(separator: ", ")
                    fail(
                        .invalidValue, "plugins.grants.\(member.key): unknown capability (known: \(known); there is no file or network capability)",
                        at: item.mark)
                    continue
                }
                grants[member.key, default: []].insert(capability)
            }
        }
        return grants
    }
}
