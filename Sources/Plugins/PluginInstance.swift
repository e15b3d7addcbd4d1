@_spi(Fuzzing) import WasmKit

/// One instantiated plugin module: its own store, memory, fuel and interpreter stack.
///
/// Not thread-safe, and need not be: the pool hands an instance to one call at a time
/// (`@unchecked Sendable` only lets it cross into the pool's lock).
final class PluginInstance: @unchecked Sendable {
    private let store: Store
    private let memory: Memory
    private let alloc: Function
    private let free: Function
    private let apply: Function
    private let metadataFunction: Function
    private var stack: ExecutionStack
    private let fuelPerCall: UInt64

    /// Instantiates the module under the sandbox: only granted host functions, the memory cap,
    /// and fuel for the start function and the first call.
    init(module: Module, engine: Engine, limits: PluginLimits, grants: Set<PluginCapability>) throws(PluginLoadError.Reason) {
        store = Store(engine: engine)
        store.resourceLimiter = MemoryCap(bytes: limits.memoryBytes)
        store.fuel = Fuel(remaining: limits.fuelPerCall)
        fuelPerCall = limits.fuelPerCall
        var imports = Imports()
        if grants.contains(.clock) {
            imports.define(
                module: "intake", name: "clock_now_ms",
                Function(store: store, parameters: [], results: [.i64]) { _, _ in
                    [.i64(UInt64(bitPattern: Int64(HostClock.millisecondsSince1970())))]
                })
        }
        let instance: Instance
        do { instance = try module.instantiate(store: store, imports: imports) } catch {
            throw .failed("instantiation: \(Self.firstLine(of: error))")
        }
        guard case .memory(let memory)? = instance.export("memory") else {
            throw .missingExport("memory", expected: "its linear memory")
        }
        guard memory.byteCount <= limits.memoryBytes else { throw .overMemoryCap(bytes: memory.byteCount, cap: limits.memoryBytes) }
        self.memory = memory
        alloc = try Self.function(instance, "intake_alloc", [.i32], [.i32])
        free = try Self.function(instance, "intake_free", [.i32, .i32], [])
        apply = try Self.function(instance, "intake_apply", [.i32, .i32], [.i64])
        metadataFunction = try Self.function(instance, "intake_metadata", [], [.i64])
        stack = ExecutionStack(engine: engine)
    }

    /// The metadata document.
    func metadata() throws(PluginCallError) -> [UInt8] {
        store.fuel = Fuel(remaining: fuelPerCall)
        let packed = try call(metadataFunction, [])
        return try takeResult(packed)
    }

    /// One call of `intake_apply` with a request document; returns the response document.
    ///
    /// The fuel budget covers the whole exchange (alloc, apply, free), so a plugin cannot hide
    /// work in its allocator.
    func call(request: [UInt8]) throws(PluginCallError) -> [UInt8] {
        store.fuel = Fuel(remaining: fuelPerCall)
        guard let length = UInt32(exactly: request.count) else { throw .invalidOutput("the request is too large") }
        let pointer = try call(alloc, [.i32(length)])
        guard case .i32(let address)? = pointer.first, address != 0 else {
            throw .invalidOutput("intake_alloc(\(length)) returned no memory")
        }
        try write(request, at: address)
        let packed = try call(apply, [.i32(address), .i32(length)])
        let response = try takeResult(packed)
        _ = try call(free, [.i32(address), .i32(length)])
        return response
    }

    /// Reads the `(pointer << 32) | length` result of `intake_apply` or `intake_metadata`, then
    /// hands the block back with `intake_free`.
    private func takeResult(_ packed: [Value]) throws(PluginCallError) -> [UInt8] {
        guard case .i64(let bits)? = packed.first else { throw .invalidOutput("the result is not an i64") }
        let address = UInt32(truncatingIfNeeded: bits >> 32)
        let length = UInt32(truncatingIfNeeded: bits)
        let bytes = try read(at: address, count: length)
        _ = try call(free, [.i32(address), .i32(length)])
        return bytes
    }

    private func call(_ function: Function, _ arguments: [Value]) throws(PluginCallError) -> [Value] {
        do {
            return try function.invoke(arguments, on: &stack)
        } catch {
            let text = Self.firstLine(of: error)
            if text.contains("out of fuel") { throw .outOfFuel(fuelPerCall) }
            throw .trapped(text.hasPrefix("Trap: ") ? String(text.dropFirst(6)) : text)
        }
    }

    /// Bounds are checked here, against the memory's size now: WasmKit's buffer accessors
    /// stop the process on an out-of-bounds range, and the range comes from the plugin.
    private func checkedRange(_ address: UInt32, _ count: Int) throws(PluginCallError) -> UInt {
        let end = Int(address) + count
        guard end <= memory.byteCount else {
            throw .invalidOutput("the block at \(address) of \(count) bytes lies outside the plugin's \(memory.byteCount) bytes of memory")
        }
        return UInt(address)
    }

    private func write(_ bytes: [UInt8], at address: UInt32) throws(PluginCallError) {
        let offset = try checkedRange(address, bytes.count)
        memory.withUnsafeMutableBufferPointer(offset: offset, count: bytes.count) { buffer in
            buffer.copyBytes(from: bytes)
        }
    }

    private func read(at address: UInt32, count: UInt32) throws(PluginCallError) -> [UInt8] {
        let offset = try checkedRange(address, Int(count))
        return memory.withUnsafeBufferPointer(offset: offset, count: Int(count)) { Array($0) }
    }

    private static func function(
        _ instance: Instance, _ name: String, _ parameters: [ValueType], _ results: [ValueType]
    ) throws(PluginLoadError.Reason) -> Function {
        let expected = "(\(parameters.map { "\($0)" }.joined(separator: ", "))) -> (\(results.map { "\($0)" }.joined(separator: ", ")))"
        guard let function = instance.exports[function: name] else { throw .missingExport(name, expected: "a function \(expected)") }
        guard function.type == FunctionType(parameters: parameters, results: results) else {
            throw .missingExport(name, expected: "a function \(expected)")
        }
        return function
    }

    static func firstLine(of error: any Error) -> String {
        let text = "\(error)"
        return text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
    }
}

/// Refuses linear memory growth past the configured cap: `memory.grow` then returns -1 inside
/// the plugin, which it sees as out of memory.
private final class MemoryCap: ResourceLimiter {
    let bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    func limitMemoryGrowth(to desired: Int) throws -> Bool { desired <= bytes }
    func limitTableGrowth(to desired: Int) throws -> Bool { desired <= 100_000 }
}
