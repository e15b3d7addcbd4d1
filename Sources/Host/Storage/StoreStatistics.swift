/// What group commit has done so far, for `/metrics` and for tests.
///
/// `batchesCommitted / transactionsCommitted` is the mean group size: how many requests each
/// disk flush paid for.
public struct StoreStatistics: Sendable, Hashable {
    /// Transactions that reached COMMIT.
    public var transactionsCommitted: Int
    /// Batches (HTTP requests) durably committed.
    public var batchesCommitted: Int
    /// Groups whose shared transaction failed, so each batch was retried alone.
    public var groupsRetried: Int
    /// Batches that failed even alone: their callers got the error.
    public var batchesFailed: Int

    public init(transactionsCommitted: Int = 0, batchesCommitted: Int = 0, groupsRetried: Int = 0, batchesFailed: Int = 0) {
        self.transactionsCommitted = transactionsCommitted
        self.batchesCommitted = batchesCommitted
        self.groupsRetried = groupsRetried
        self.batchesFailed = batchesFailed
    }
}
