/// The sandbox every plugin call runs in (SPEC §11), from the configuration's `plugins:` key.
package struct PluginLimits: Sendable, Equatable {
    /// The most linear memory one instance may have; growth past it fails inside the plugin
    /// (`memory.grow` returns -1), and a module whose initial memory is larger does not load.
    package var memoryBytes: Int
    /// The work one call may do, in WasmKit fuel (about one WebAssembly operator each). A call
    /// that runs out traps: that payload's step fails and the instance is discarded.
    package var fuelPerCall: UInt64
    /// Instances kept idle per plugin for reuse; more are made while calls overlap.
    package var idleInstances: Int
    /// Capabilities granted, by plugin step name; none by default.
    package var grants: [String: Set<PluginCapability>]

    package static let defaultMemoryBytes = 16 << 20
    package static let defaultFuelPerCall: UInt64 = 10_000_000

    package init(
        memoryBytes: Int = defaultMemoryBytes, fuelPerCall: UInt64 = defaultFuelPerCall, idleInstances: Int = 4,
        grants: [String: Set<PluginCapability>] = [:]
    ) {
        self.memoryBytes = memoryBytes
        self.fuelPerCall = fuelPerCall
        self.idleInstances = idleInstances
        self.grants = grants
    }
}

/// What a plugin may reach outside its own memory when the configuration grants it.
///
/// There is no file or network capability: a plugin maps JSON to JSON, and a module that
/// imports WASI or anything else not granted does not load (docs/decisions.md).
package enum PluginCapability: String, Sendable, CaseIterable {
    /// `intake.clock_now_ms() -> i64`: milliseconds since 1970 (UTC).
    case clock
}
