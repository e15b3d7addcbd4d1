/// What group commit has done so far, for `/metrics` and for tests.
///
/// `batchesCommitted / transactionsCommitted` is the mean group size: how many requests each
/// disk flush paid for.
package struct StoreStatistics: Sendable, Hashable {
    /// Transactions that reached COMMIT.
    package var transactionsCommitted: Int
    /// Batches (HTTP requests) durably committed.
    package var batchesCommitted: Int
    /// Groups whose shared transaction failed, so each batch was retried alone.
    package var groupsRetried: Int
    /// Batches that failed even alone: their callers got the error.
    package var batchesFailed: Int

    package init(transactionsCommitted: Int = 0, batchesCommitted: Int = 0, groupsRetried: Int = 0, batchesFailed: Int = 0) {
        self.transactionsCommitted = transactionsCommitted
        self.batchesCommitted = batchesCommitted
        self.groupsRetried = groupsRetried
        self.batchesFailed = batchesFailed
    }
}
