/// Shares one transaction among every batch that arrives while another is committing.
///
/// A durable commit costs a disk flush whatever it carries, so one request per transaction
/// caps throughput at the disk's flush rate. Here the first batch commits alone; the batches
/// that arrive meanwhile wait, and the next transaction takes all of them (up to
/// `maximumGroupSize`), then resumes each caller with its own receipt. If a group's
/// transaction fails, each of its batches is retried alone, so a bad batch fails only its
/// own caller. Backend-neutral: the store supplies the transaction.
actor GroupCommit<Batch: Sendable, Receipt: Sendable> {
    /// Commits batches in one transaction and returns one receipt per batch, in order; it
    /// must store nothing if it throws.
    typealias Transaction = @Sendable ([Batch]) async throws -> [Receipt]

    private struct Waiter {
        let batch: Batch
        let continuation: CheckedContinuation<Receipt, any Error>
    }

    private let transaction: Transaction
    private let maximumGroupSize: Int
    private var waiting: [Waiter] = []
    private var isDraining = false
    private var isClosed = false
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// What has been committed so far.
    private(set) var statistics = StoreStatistics()

    init(maximumGroupSize: Int, transaction: @escaping Transaction) {
        self.maximumGroupSize = max(1, maximumGroupSize)
        self.transaction = transaction
    }

    /// Batches waiting for the next transaction (not counting the one in flight).
    var waitingCount: Int { waiting.count }

    /// Batches in the transaction in flight (0 when none is).
    private(set) var inFlightCount = 0

    /// Queues a batch and returns its receipt once its transaction has committed.
    /// - Throws: the transaction's error when the batch failed alone; `StoreError` (closed)
    ///   after `close()`.
    func submit(_ batch: Batch) async throws -> Receipt {
        guard !isClosed else { throw StoreError(.closed) }
        return try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiter(batch: batch, continuation: continuation))
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
        do {
            let receipts = try await transaction(group.map(\.batch))
            guard receipts.count == group.count else {
                throw StoreError(.failed(operation: "commit", reason: "internal error: receipt count mismatch"))
            }
            statistics.transactionsCommitted += 1
            statistics.batchesCommitted += group.count
            for (waiter, receipt) in zip(group, receipts) {
                waiter.continuation.resume(returning: receipt)
            }
        } catch {
            if group.count == 1 {
                statistics.batchesFailed += 1
                group[0].continuation.resume(throwing: error)
            } else {
                statistics.groupsRetried += 1
                for waiter in group {
                    await run([waiter])
                }
            }
        }
    }
}
