/// Shares one transaction among every batch that arrives while another is committing.
///
/// A durable commit costs a disk flush whatever it carries, so one request per transaction
/// caps throughput at the disk's flush rate. Here the first batch commits alone; the batches
/// that arrive meanwhile wait, and the next transaction takes all of them (up to
/// `maximumGroupSize`), then resumes each caller with its own receipt. If a group's
/// transaction fails because the store refused it, each of its batches is retried alone, so a
/// bad batch fails only its own caller; if it fails because the database is unavailable
/// (`StoreError.isUnavailable`), the whole group fails at once, since retrying its batches one
/// by one against a database that is not there would hold the last of them for as many
/// timeouts as the group had batches. Backend-neutral: the store supplies the transaction.
///
/// With `answerWithinSeconds`, every caller has its answer within that time of calling `submit`,
/// whatever the database does: each batch carries its deadline, a transaction may run only
/// until the earliest deadline of its group, and a batch whose deadline passed while it waited
/// fails without being tried. A batch that waits behind a transaction holding on to a
/// database that went away therefore gets its `503` in time, and a shutdown waits at most that
/// long for the requests in flight.
actor GroupCommit<Batch: Sendable, Receipt: Sendable> {
    /// Commits batches in one transaction and returns one receipt per batch, in order; it
    /// must store nothing if it throws.
    typealias Transaction = @Sendable ([Batch]) async throws -> [Receipt]

    private struct Waiter {
        let batch: Batch
        /// When its caller must have an answer; nil without `answerWithinSeconds`.
        let deadline: ContinuousClock.Instant?
        let continuation: CheckedContinuation<Receipt, any Error>
    }

    private let transaction: Transaction
    private let maximumGroupSize: Int
    private let answerWithinSeconds: Double?
    private var waiting: [Waiter] = []
    private var isDraining = false
    private var isClosed = false
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// What has been committed so far.
    private(set) var statistics = StoreStatistics()

    /// - Parameter answerWithinSeconds: the longest a caller waits for its receipt, queueing
    ///   and transaction included; nil: as long as the transaction takes.
    init(maximumGroupSize: Int, answerWithinSeconds: Double? = nil, transaction: @escaping Transaction) {
        self.maximumGroupSize = max(1, maximumGroupSize)
        self.answerWithinSeconds = answerWithinSeconds
        self.transaction = transaction
    }

    /// Batches waiting for the next transaction (not counting the one in flight).
    var waitingCount: Int { waiting.count }

    /// Batches in the transaction in flight (0 when none is).
    private(set) var inFlightCount = 0

    /// Queues a batch and returns its receipt once its transaction has committed.
    /// - Throws: the transaction's error when the batch failed alone or with a group the
    ///   database was unavailable for; `StoreError` (unavailable) when `answerWithinSeconds` passed;
    ///   `StoreError` (closed) after `close()`.
    func submit(_ batch: Batch) async throws -> Receipt {
        guard !isClosed else { throw StoreError(.closed) }
        let deadline = answerWithinSeconds.map { ContinuousClock.now + .milliseconds(Int64($0 * 1000)) }
        return try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiter(batch: batch, deadline: deadline, continuation: continuation))
            if !isDraining {
                isDraining = true
                Task { await self.drain() }
            }
        }
    }

    /// Refuses new batches and returns once every queued batch has been committed or failed.
    func close() async {
        isClosed = true
        guard isDraining else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func drain() async {
        while !waiting.isEmpty {
            let count = min(waiting.count, maximumGroupSize)
            let group = Array(waiting.prefix(count))
            waiting.removeFirst(count)
            inFlightCount = count
            await run(group)
            inFlightCount = 0
        }
        isDraining = false
        let idle = idleWaiters
        idleWaiters = []
        for waiter in idle { waiter.resume() }
    }

    private func run(_ group: [Waiter]) async {
        let now = ContinuousClock.now
        let isExpired = { (waiter: Waiter) in waiter.deadline.map { $0 <= now } ?? false }
        let live = group.filter { !isExpired($0) }
        fail(group.filter(isExpired), with: timedOut)
        guard !live.isEmpty else { return }
        do {
            let receipts = try await commit(live.map(\.batch), until: live.compactMap(\.deadline).min())
            guard receipts.count == live.count else {
                throw StoreError(.failed(operation: "commit", reason: "internal error: receipt count mismatch"))
            }
            statistics.transactionsCommitted += 1
            statistics.batchesCommitted += live.count
            for (waiter, receipt) in zip(live, receipts) {
                waiter.continuation.resume(returning: receipt)
            }
        } catch {
            if live.count == 1 || (error as? StoreError)?.isUnavailable == true {
                fail(live, with: error)
            } else {
                statistics.groupsRetried += 1
                for waiter in live {
                    await run([waiter])
                }
            }
        }
    }

    /// Runs the transaction, abandoning it (its caller gets `timedOut`) at `deadline`.
    private func commit(_ batches: [Batch], until deadline: ContinuousClock.Instant?) async throws -> [Receipt] {
        guard let deadline else { return try await transaction(batches) }
        let remaining = ContinuousClock.now.duration(to: deadline)
        let seconds = Double(remaining.components.seconds) + Double(remaining.components.attoseconds) * 1e-18
        return try await Deadline.run(seconds: seconds, failure: timedOut) { [transaction] in try await transaction(batches) }
    }

    private func fail(_ waiters: [Waiter], with error: any Error) {
        statistics.batchesFailed += waiters.count
        for waiter in waiters { waiter.continuation.resume(throwing: error) }
    }

    /// What a caller gets when `answerWithinSeconds` passed before its batch committed.
    private var timedOut: StoreError {
        let limit = answerWithinSeconds.map(Deadline.secondsText) ?? "?"
        return StoreError(.unavailable(operation: "commit the request", reason: "the database did not answer within \(limit) s"))
    }
}
