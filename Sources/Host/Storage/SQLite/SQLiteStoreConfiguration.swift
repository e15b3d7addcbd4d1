/// Tuning for the SQLite store; every default is what `intake serve` uses.
public struct SQLiteStoreConfiguration: Sendable, Hashable {
    /// Seconds a connection waits for another process's lock before failing. Default: 5.
    public var busyTimeoutSeconds: Double
    /// Most batches (requests) one group-commit transaction carries. Default: 1000.
    public var maximumBatchesPerTransaction: Int

    public init(busyTimeoutSeconds: Double = 5, maximumBatchesPerTransaction: Int = 1000) {
        self.busyTimeoutSeconds = busyTimeoutSeconds
        self.maximumBatchesPerTransaction = maximumBatchesPerTransaction
    }
}
