/// Lets operations into a store until it closes, and lets `close` wait for those inside.
///
/// GRDB (like most drivers) must not be touched once its connections are closed: a read
/// racing `close()` would use a released handle. Every store operation passes this gate,
/// so after `close()` callers get `StoreError` ("the store is closed") instead.
actor AccessGate {
    private var active = 0
    private var isClosed = false
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` unless the gate is closed.
    /// - Throws: `StoreError` (closed), or what `body` throws.
    nonisolated func withAccess<T>(_ body: () async throws -> T) async throws -> T {
        try await enter()
        do {
            let value = try await body()
            await leave()
            return value
        } catch {
            await leave()
            throw error
        }
    }

    /// Refuses new operations and returns once those inside have left; false if it was
    /// already closed.
    func close() async -> Bool {
        guard !isClosed else { return false }
        isClosed = true
        if active > 0 {
            await withCheckedContinuation { drainWaiters.append($0) }
        }
        return true
    }

    private func enter() throws {
        guard !isClosed else { throw StoreError(.closed) }
        active += 1
    }

    private func leave() {
        active -= 1
        guard active == 0, isClosed else { return }
        let waiters = drainWaiters
        drainWaiters = []
        for waiter in waiters { waiter.resume() }
    }
}
