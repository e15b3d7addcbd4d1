import NIOConcurrencyHelpers
import Transforms

/// How much of `limits.max_quarantine_bytes` one instance's open quarantine uses.
///
/// A flood of payloads that fail to map (a catastrophic regex fed long fields) would otherwise
/// fill the disk (171 MB in 40 s). Each request reserves the bytes it would quarantine before
/// its commit; past the limit the whole request is refused with `429`, never acknowledged and
/// then dropped. The figure is learned from the store on first use and relearned — at most
/// every `resyncSeconds` — when the budget looks spent, because payloads leave the open
/// quarantine by replays this process may not see (`intake replay` runs apart).
final class QuarantineBudget: Sendable {
    /// Seconds between two readings of the store when the budget is spent.
    static let resyncSeconds: Int64 = 10
    /// What a refused sender is told to wait: the quarantine drains only when someone replays.
    static let retryAfterSeconds = 60

    private struct State {
        /// Open bytes as last learned plus reservations since; nil until first learned.
        var used: Int?
        var lastSyncSecond: Int64 = .min
    }

    let limit: Int
    private let state = NIOLockedValueBox(State())

    init(limit: Int) {
        self.limit = limit
    }

    /// Reserves `bytes` for a request about to be committed; false when they do not fit, or
    /// when the store must be read first (`needsReading(at:)`).
    func reserve(_ bytes: Int) -> Bool {
        state.withLockedValue { state in
            guard let used = state.used, bytes <= limit - used else { return false }
            state.used = used + bytes
            return true
        }
    }

    /// Gives back a reservation whose commit failed.
    func release(_ bytes: Int) {
        state.withLockedValue { state in
            if let used = state.used { state.used = max(0, used - bytes) }
        }
    }

    /// Whether the store should be read now: never read yet, or spent and not read for
    /// `resyncSeconds`.
    func needsReading(at second: Int64) -> Bool {
        state.withLockedValue { state in
            state.used == nil || second - state.lastSyncSecond >= Self.resyncSeconds
        }
    }

    /// Takes the store's figure as the truth.
    func learned(_ bytes: Int, at second: Int64) {
        state.withLockedValue { state in
            state.used = bytes
            state.lastSyncSecond = second
        }
    }
}
