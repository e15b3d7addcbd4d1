/// Tuning for the PostgreSQL store; every default is what `intake serve` uses.
package struct PostgresStoreConfiguration: Sendable, Hashable {
    /// Most connections one process opens to the database. Default: 10.
    ///
    /// Group commit writes on one connection at a time; the others serve reads (the admin
    /// API, `/readyz`), so a listener needs few. N listeners open at most N times this.
    package var maximumConnections: Int
    /// Most batches (requests) one group-commit transaction carries. Default: 1000.
    package var maximumBatchesPerTransaction: Int
    /// Seconds an operation may wait for the database (a connection, its queries and the
    /// COMMIT) before it fails, so a listener whose database is gone answers `503` instead of
    /// holding requests. A commit counts them from the request's arrival, its wait behind the
    /// transaction in flight included. Default: 5.
    package var operationTimeoutSeconds: Double
    /// The schema the tables live in; nil for the connection's default (`public`). Lets tests
    /// share one database, each in a schema of its own.
    package var schema: String?

    package init(maximumConnections: Int = 10, maximumBatchesPerTransaction: Int = 1000, operationTimeoutSeconds: Double = 5) {
        self.maximumConnections = maximumConnections
        self.maximumBatchesPerTransaction = maximumBatchesPerTransaction
        self.operationTimeoutSeconds = operationTimeoutSeconds
    }
}
