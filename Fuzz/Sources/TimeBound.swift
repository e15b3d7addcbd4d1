#if canImport(Glibc)
import Glibc
#endif

/// The per-input time bound that turns a super-linear parser into a finding.
///
/// libFuzzer's own `-timeout` only catches an input that hangs; a parser that is quadratic
/// (issue 10's form decoder) still finishes a 100 KB input in a second or two. So each input
/// also gets a budget linear in its size — a fixed allowance plus 5 µs a byte, five to ten
/// times what the linear parsers and their properties take in this unoptimised, instrumented
/// build (0.4 µs a byte for JSON, 0.9 for forms and multipart, measured on 50–250 KB inputs) —
/// and an input over it is reported with its size and time. A form of 12,000 distinct fields
/// decoded by a per-key scan took 30–38 µs a byte.
///
/// The time is the fuzzing thread's CPU time, not the wall clock: on a machine shared with
/// compilers and other tests, waiting for a core must not turn into a finding.
enum TimeBound {
    /// What any input may take regardless of size (process warm-up, a first regex compile).
    static let allowance = Duration.milliseconds(200)
    /// What each further byte may add.
    static let perByte = Duration.microseconds(5)

    static func check(_ size: Int, target: FuzzTarget, _ body: () -> Void) {
        let start = threadCPUTime()
        body()
        let spent = threadCPUTime() - start
        let budget = allowance + perByte * size
        require(spent <= budget, "\(target.rawValue): an input of \(size) bytes took \(spent) of CPU, over its linear budget of \(budget)")
    }

    static func threadCPUTime() -> Duration {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return .seconds(now.tv_sec) + .nanoseconds(now.tv_nsec)
    }
}
