import Transforms

/// The signed requests one HMAC instance accepted within its tolerance window (by
/// `SignatureReplayKey.fingerprint`), and what each was answered, so that the same signed
/// request again is answered as a duplicate and stores nothing new (SPEC §12).
///
/// The memory lives in the process: it is empty after a restart, and listeners in different
/// processes do not share it (docs/security.md says what that leaves open). It is bounded:
/// an entry is dropped once its timestamp is outside the window (a replay is then refused by
/// the timestamp check), and at `capacity` live entries a new signature is refused (`429`)
/// rather than remembered loosely, so a flood cannot make replays pass.
actor SignatureMemory {
    /// What the caller must do with a verified request.
    enum Claim: Sendable {
        /// The signature is new: process the request, then `answered` or `forget`.
        case first
        /// Seen before and answered: send this (the first answer, marked duplicate).
        case replay(JSON)
        /// The memory is full of live signatures; retry after this many seconds.
        case full(retryAfterSeconds: Int)
    }

    private enum Entry {
        /// The first request is still being processed; replays wait for its answer.
        case pending(expiresAtSecond: Int64, waiters: [CheckedContinuation<Void, Never>])
        case answered(expiresAtSecond: Int64, JSON)

        var expiresAtSecond: Int64 {
            switch self {
            case .pending(let second, _), .answered(let second, _): second
            }
        }
    }

    let capacity: Int
    private var entries: [[UInt8]: Entry] = [:]
    /// When expired entries were last swept, so a full memory is swept at most once a second.
    private var lastSweepSecond: Int64 = .min

    init(capacity: Int) {
        self.capacity = capacity
    }

    var count: Int { entries.count }

    /// Claims `key` for a request received at `nowSecond` (Unix seconds).
    func claim(_ key: SignatureReplayKey, nowSecond: Int64) async -> Claim {
        while true {
            switch entries[key.fingerprint] {
            case .answered(let expires, let answer)? where expires >= nowSecond:
                return .replay(answer)
            case .pending(let expires, var waiters)? where expires >= nowSecond:
                // A replay racing the first request: wait for its answer, then look again
                // (answered: a replay; forgotten because it failed: claim it afresh).
                await withCheckedContinuation { continuation in
                    waiters.append(continuation)
                    entries[key.fingerprint] = .pending(expiresAtSecond: expires, waiters: waiters)
                }
                continue
            default:
                break
            }
            if entries.count >= capacity { sweep(nowSecond: nowSecond) }
            guard entries.count < capacity else {
                let soonest = entries.values.lazy.map(\.expiresAtSecond).min() ?? nowSecond
                return .full(retryAfterSeconds: Int(clamping: max(1, soonest.subtractingReportingOverflow(nowSecond).partialValue + 1)))
            }
            entries[key.fingerprint] = .pending(expiresAtSecond: key.expiresAtSecond, waiters: [])
            return .first
        }
    }

    /// The first request with `key` was answered with `response` (the `200` array): replays
    /// from now on get it, marked duplicate.
    func answered(_ key: SignatureReplayKey, response: JSON) {
        let waiters = pendingWaiters(key)
        entries[key.fingerprint] = .answered(expiresAtSecond: key.expiresAtSecond, Self.duplicate(of: response))
        waiters.forEach { $0.resume() }
    }

    /// The first request with `key` stored nothing (refused, or the store failed): forget it,
    /// so the sender's retry is processed as new.
    func forget(_ key: SignatureReplayKey) {
        let waiters = pendingWaiters(key)
        entries[key.fingerprint] = nil
        waiters.forEach { $0.resume() }
    }

    private func pendingWaiters(_ key: SignatureReplayKey) -> [CheckedContinuation<Void, Never>] {
        if case .pending(_, let waiters)? = entries[key.fingerprint] { return waiters }
        return []
    }

    /// Drops the entries whose window has closed (never one still pending).
    private func sweep(nowSecond: Int64) {
        guard nowSecond != lastSweepSecond else { return }
        lastSweepSecond = nowSecond
        entries = entries.filter { entry in
            if case .pending = entry.value { return true }
            return entry.value.expiresAtSecond >= nowSecond
        }
    }

    /// The first answer as a replay's: each element's `status` is `duplicate` (the ids are the
    /// first request's); a quarantined element keeps its errors.
    static func duplicate(of response: JSON) -> JSON {
        guard case .array(let elements) = response else { return response }
        return .array(
            elements.map { element in
                guard case .object(var object) = element else { return element }
                object["status"] = "duplicate"
                return .object(object)
            })
    }
}
