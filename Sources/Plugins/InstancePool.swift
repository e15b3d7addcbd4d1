import Synchronization
import WasmKit

/// The instances of one plugin, reused across calls and never shared by two at once.
///
/// Steps run concurrently, one payload per task. A call takes an idle instance, or makes one
/// when all are busy (it never waits for another call), and gives it back afterwards unless it
/// trapped or ran out of fuel: such an instance may hold half-written state and is dropped, so
/// a looping plugin costs one instance, never a stuck thread. At most `idleInstances` are kept.
final class InstancePool: Sendable {
    private let module: Module
    private let engine: Engine
    private let limits: PluginLimits
    private let grants: Set<PluginCapability>
    private let idle: Mutex<[PluginInstance]>

    init(module: Module, engine: Engine, limits: PluginLimits, grants: Set<PluginCapability>, first: PluginInstance) {
        self.module = module
        self.engine = engine
        self.limits = limits
        self.grants = grants
        idle = Mutex([first])
    }

    /// Runs one request on an instance of its own.
    func call(request: [UInt8]) throws(PluginCallError) -> [UInt8] {
        let instance = try checkOut()
        do {
            let response = try instance.call(request: request)
            checkIn(instance)
            return response
        } catch {
            if error.keepsInstance { checkIn(instance) }
            throw error
        }
    }

    /// The number of idle instances, for tests of reuse and discarding.
    var idleCount: Int { idle.withLock { $0.count } }

    private func checkOut() throws(PluginCallError) -> PluginInstance {
        if let instance = idle.withLock({ $0.popLast() }) { return instance }
        do {
            return try PluginInstance(module: module, engine: engine, limits: limits, grants: grants)
        } catch {
            throw .trapped("a new instance could not start: \(error)")
        }
    }

    private func checkIn(_ instance: PluginInstance) {
        idle.withLock { instances in
            if instances.count < limits.idleInstances { instances.append(instance) }
        }
    }
}
