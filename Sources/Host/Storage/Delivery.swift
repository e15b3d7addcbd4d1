import Foundation
import Transforms

/// One action's delivery for one incident: a row of the outbox (SPEC §13).
package struct Delivery: Sendable, Hashable {
    /// The row's id (`d12`): what `intake actions show|retry` and `/api/actions/{id}` take.
    package var id: String
    /// The stable delivery id sent as `webhook-id` and `Idempotency-Key`, the same on every
    /// attempt, so a receiver can drop a delivery it has already seen (delivery is at least once).
    package var key: String
    /// The incident's id.
    package var incident: String
    /// The action's name.
    package var action: String
    package var status: DeliveryStatus
    /// Attempts made so far (reset by a retry from the operator).
    package var attempts: Int
    /// When the incident was committed, and its delivery with it.
    package var created: Instant
    /// When a pending delivery is due next.
    package var nextAttempt: Instant?
    /// When the last attempt ended, and what came of it (`HTTP 500`, `timed out after 10 s`).
    package var lastAttempt: Instant?
    package var lastResult: String?
    /// When a receiver answered 2xx.
    package var delivered: Instant?

    package init(
        id: String, key: String, incident: String, action: String, status: DeliveryStatus, attempts: Int, created: Instant,
        nextAttempt: Instant? = nil, lastAttempt: Instant? = nil, lastResult: String? = nil, delivered: Instant? = nil
    ) {
        self.id = id
        self.key = key
        self.incident = incident
        self.action = action
        self.status = status
        self.attempts = attempts
        self.created = created
        self.nextAttempt = nextAttempt
        self.lastAttempt = lastAttempt
        self.lastResult = lastResult
        self.delivered = delivered
    }

    /// A new stable delivery id: `msg_` and 32 hex digits of a random UUID, the shape the
    /// Standard Webhooks specification shows.
    static func makeKey() -> String {
        "msg_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }
}

/// Where a delivery stands.
package enum DeliveryStatus: String, Sendable, Hashable, CaseIterable {
    /// Waiting for its first or next attempt.
    case pending
    /// A receiver answered 2xx.
    case delivered
    /// Parked after its last attempt failed; `retry` makes it pending again.
    case failed
}

/// What one attempt came to, as the worker tells the store.
package enum DeliveryAttemptOutcome: Sendable, Hashable {
    /// The receiver answered 2xx.
    case delivered(result: String)
    /// It failed and will be tried again at `next`.
    case retry(result: String, next: Instant)
    /// It failed for the last time: the delivery is parked.
    case failed(result: String)
}

/// Which deliveries to list (`intake actions list`, `GET /api/actions`).
package struct DeliveryQuery: Sendable, Hashable {
    package var status: DeliveryStatus?
    /// Only this incident's deliveries.
    package var incident: String?
    /// Page size, 1...500. Default: 50.
    package var limit: Int
    /// The previous page's `nextCursor`; nil for the first page.
    package var cursor: String?

    package init(status: DeliveryStatus? = nil, incident: String? = nil, limit: Int = 50, cursor: String? = nil) {
        self.status = status
        self.incident = incident
        self.limit = limit
        self.cursor = cursor
    }
}
