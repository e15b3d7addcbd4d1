import NIOConcurrencyHelpers

/// The open connections of one listening port, shared by their `ConnectionGuard`s.
///
/// A slow-client flood works by holding sockets: connections that send nothing, or a header
/// a byte at a time, until `max_connections` are taken and nobody else gets in — not even a
/// health check. The census lets each connection see that pressure: past `pressureThreshold`
/// a connection that is waiting for a request head is cut after `pressureGraceSeconds`
/// instead of the idle timeout, and `healthReserve` connections beyond the cap are accepted
/// for `/healthz` and `/readyz` only.
final class ConnectionCensus: Sendable {
    /// Connections accepted beyond `max_connections`, for health checks only.
    static let healthReserve = 8
    /// Seconds a connection may wait for (or trickle) a request head while the port is under
    /// pressure, and while it holds a reserve slot.
    static let pressureGraceSeconds: Int64 = 2

    /// `max_connections`.
    let capacity: Int
    /// Open connections at or past which the port is under pressure: three quarters of
    /// `capacity`.
    let pressureThreshold: Int
    private let open = NIOLockedValueBox(0)

    init(capacity: Int) {
        self.capacity = capacity
        pressureThreshold = max(1, capacity - capacity / 4)
    }

    /// Counts a new connection; returns how many are open with it.
    func opened() -> Int {
        open.withLockedValue { count in
            count += 1
            return count
        }
    }

    func closed() {
        open.withLockedValue { $0 -= 1 }
    }

    var count: Int { open.withLockedValue { $0 } }

    var isUnderPressure: Bool { count >= pressureThreshold }
}
