import Transforms

/// Where incidents, samples and quarantined payloads are kept (SPEC §8).
///
/// The listener and the CLI see only this protocol, so SQLite (the embedded default) and
/// PostgreSQL (several listeners on one database) are interchangeable. Payloads cross it as
/// JSON text the caller already serialized: a store keeps bytes as received and never
/// re-serializes them, so what `?raw=1` shows is exactly what was stored.
package protocol IncidentStore: Sendable {
    /// Creates or migrates the schema; call it once before anything else.
    ///
    /// A database whose schema is newer than this binary knows is refused, never touched: an
    /// older intake must not write rows a newer one would misread.
    /// - Throws: `StoreError` with `isNewerSchema` (its message tells the user to upgrade
    ///   intake), or a failure when the database cannot be opened or written.
    func migrate() async throws

    /// Durably commits everything one HTTP request produced and returns one result per item,
    /// in order.
    ///
    /// Concurrent callers share transactions (group commit), so durability does not cost
    /// throughput; the call returns only after COMMIT reached the disk. A batch that fails is
    /// retried alone, so one bad batch never fails the others of its group.
    /// - Throws: `StoreError`; nothing of the batch is stored then, and nothing may be
    ///   acknowledged to the sender.
    func commit(_ batch: IngestBatch) async throws -> IngestReceipt

    /// The incident with this id (`"1"`, `"2"`, …), or nil when there is none.
    func incident(id: String) async throws -> StoredIncident?

    /// A page of incidents, newest first (by `created`, then id).
    ///
    /// Cursors are opaque and stable under concurrent inserts: a row already seen never
    /// appears again on a later page, and no row that existed at the first page is skipped.
    /// - Throws: `StoreError` for a limit outside 1...500 or a cursor this store did not make.
    func incidents(_ query: IncidentQuery) async throws -> Page<StoredIncident>

    /// The kept samples of one instance, newest first; `limit` must be at least 1.
    func samples(instance: String, limit: Int) async throws -> [StoredSample]

    /// A page of quarantined payloads, newest first.
    func quarantined(_ query: QuarantineQuery) async throws -> Page<QuarantinedPayload>

    /// One quarantined payload, open or resolved, by its id (`q17`); nil when there is none.
    func quarantined(id: String) async throws -> QuarantinedPayload?

    /// The bytes of the open (unresolved) quarantined payloads of one instance: what
    /// `limits.max_quarantine_bytes` bounds.
    func quarantinedBytes(instance: String) async throws -> Int

    /// Marks quarantined payloads resolved after a replay: they leave the open list, but the
    /// rows stay (with the time they were resolved) as a record.
    ///
    /// Idempotent: an id already resolved, or unknown, is ignored, so a replay that failed
    /// half-way can simply run again.
    /// - Throws: `StoreError` for an id that is not a quarantine id (`q17`).
    func resolveQuarantined(ids: [String]) async throws

    /// Takes up to `limit` due pending deliveries of `action` for this worker: each is leased
    /// until `leaseUntil`, so no other worker (of this or another process) takes it meanwhile,
    /// and one whose worker died is taken again once its lease has passed.
    func claimDeliveries(action: String, limit: Int, now: Instant, leaseUntil: Instant) async throws -> [Delivery]

    /// Records what an attempt of a claimed delivery came to, and ends its lease.
    func finishAttempt(delivery id: String, outcome: DeliveryAttemptOutcome, at time: Instant) async throws

    /// A page of deliveries, newest first.
    func deliveries(_ query: DeliveryQuery) async throws -> Page<Delivery>

    /// The delivery with this id (`d12`), or nil when there is none.
    func delivery(id: String) async throws -> Delivery?

    /// Makes a delivery pending and due at `time` with a fresh set of attempts (after a parked
    /// failure, or to send a delivered one again); returns it, or nil when there is none.
    func retryDelivery(id: String, at time: Instant) async throws -> Delivery?

    /// Whether the database answers a trivial query now (`GET /readyz`).
    func isReachable() async -> Bool

    /// Counters for `/metrics` and tests: how many transactions carried how many batches.
    func statistics() async -> StoreStatistics

    /// Finishes the commits in flight, refuses new ones, and closes the database.
    func close() async throws
}

extension IncidentStore {
    /// A store without a direct read pages through the quarantine, open and resolved rows,
    /// newest first, until it finds the id: correct for any store, and what a store with an
    /// index on ids (SQLite) replaces with one query.
    package func quarantined(id: String) async throws -> QuarantinedPayload? {
        var cursor: String?
        repeat {
            let page = try await quarantined(QuarantineQuery(includeResolved: true, limit: IncidentQuery.maximumLimit, cursor: cursor))
            if let found = page.items.first(where: { $0.id == id }) { return found }
            cursor = page.nextCursor
        } while cursor != nil
        return nil
    }
}
