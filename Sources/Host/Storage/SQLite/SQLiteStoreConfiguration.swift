/// Tuning for the SQLite store; every default is what `intake serve` uses.
package struct SQLiteStoreConfiguration: Sendable, Hashable {
    /// Seconds a connection waits for another process's lock before failing. Default: 5.
    package var busyTimeoutSeconds: Double
    /// Most batches (requests) one group-commit transaction carries. Default: 1000.
    package var maximumBatchesPerTransaction: Int

    package init(busyTimeoutSeconds: Double = 5, maximumBatchesPerTransaction: Int = 1000) {
        self.busyTimeoutSeconds = busyTimeoutSeconds
        self.maximumBatchesPerTransaction = maximumBatchesPerTransaction
    }
}
