import Foundation

/// `retry:`: how often, and how far apart, a failed delivery is tried again.
///
/// The delay after attempt *n* is `initial_s · 2^(n-1)`, at most `max_s`, with full jitter
/// over its upper half (so a receiver that comes back is not hit by every delivery at the
/// same second). A `Retry-After` the receiver sent replaces it.
package struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included; after the last one the delivery is parked as
    /// failed. Default: 8.
    package var attempts: Int
    /// Seconds before the second attempt. Default: 1.
    package var initialSeconds: Double
    /// The longest computed delay. Default: 300.
    package var maximumSeconds: Double

    /// The longest `Retry-After` honoured: a receiver cannot park a delivery for longer.
    package static let maximumRetryAfterSeconds: Double = 86_400

    package init(attempts: Int = 8, initialSeconds: Double = 1, maximumSeconds: Double = 300) {
        self.attempts = attempts
        self.initialSeconds = initialSeconds
        self.maximumSeconds = maximumSeconds
    }

    /// Milliseconds to wait after failed attempt number `attempt` (1 for the first).
    ///
    /// - Parameters:
    ///   - retryAfter: the receiver's `Retry-After`, in seconds, when it sent one.
    ///   - unit: a number in `0..<1` drawn by the caller (the jitter), so tests can fix it.
    package func delayMilliseconds(afterAttempt attempt: Int, retryAfter: Double?, unit: Double) -> Int64 {
        if let retryAfter {
            return Int64((min(max(retryAfter, 0), Self.maximumRetryAfterSeconds) * 1000).rounded(.up))
        }
        let exponent = Double(min(max(attempt - 1, 0), 62))
        let ceiling = min(initialSeconds * pow(2, exponent), maximumSeconds)
        let jittered = ceiling / 2 + ceiling / 2 * min(max(unit, 0), 1)
        return Int64((jittered * 1000).rounded(.up))
    }
}
