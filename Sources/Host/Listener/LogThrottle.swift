import Logging
import NIOConcurrencyHelpers
import Prometheus
import Transforms

/// Bounds the log lines that senders can cause: at most `linesPerMinute` lines of each kind
/// (an authorization refusal, a signature refusal, a replay) per minute.
///
/// A probe or a flood of bad requests would otherwise write a line per request (12,000 in a
/// minute of probing) and bury everything else. Lines past the bound are counted, in
/// `intake_log_lines_suppressed_total{kind}` and in one summary line when the next line of
/// that kind is let through ("…; 11,873 similar lines left out in the last minute").
final class LogThrottle: Sendable {
    /// Lines of one kind written per minute before the rest are left out. Default: 20.
    static let linesPerMinute = 20

    private struct Window {
        var minute: Int64
        var written: Int
        var suppressed: Int
    }

    private let windows = NIOLockedValueBox([String: Window]())

    init() {}

    /// Logs `message` unless the minute of `time` already had `linesPerMinute` lines of `kind`.
    func log(
        _ logger: Logger, _ level: Logger.Level, kind: String, at time: Instant, _ message: @autoclosure () -> Logger.Message,
        metadata: @autoclosure () -> Logger.Metadata
    ) {
        let minute = time.millisecondsSinceEpoch / 60_000
        let (write, leftOut): (Bool, Int) = windows.withLockedValue { windows in
            var window = windows[kind] ?? Window(minute: minute, written: 0, suppressed: 0)
            var leftOut = 0
            if window.minute != minute {
                leftOut = window.suppressed
                window = Window(minute: minute, written: 0, suppressed: 0)
            }
            let write = window.written < Self.linesPerMinute
            if write { window.written += 1 } else { window.suppressed += 1 }
            windows[kind] = window
            return (write, leftOut)
        }
        if leftOut > 0 {
            logger.log(level: level, "\(leftOut) similar lines left out in the last minute (log rate limit)", metadata: ["kind": "\(kind)"])
        }
        guard write else {
            IntakeMetrics.counter(IntakeMetrics.Name.logLinesSuppressed, [("kind", kind)]).increment()
            return
        }
        logger.log(level: level, message(), metadata: metadata())
    }
}
