#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which time a round is measured in.
///
/// The default is the thread's CPU time: on a shared two-core machine with a load of ten,
/// the benchmark is off the CPU half the time, and wall time measures the neighbours. CPU
/// time still feels them through caches, which is why every figure is also a ratio.
enum BenchClock: String {
    case cpu
    case wall

    /// Seconds from an arbitrary origin.
    func now() -> Double {
        var spec = timespec()
        clock_gettime(self == .cpu ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }

    /// Seconds `body` took.
    func measure(_ body: () -> Void) -> Double {
        let start = now()
        body()
        return now() - start
    }
}
