import PostgresNIO

extension StoreError {
    /// The store error for a PostgreSQL failure while doing `operation`.
    ///
    /// A `PSQLError`'s own description holds the query and its binds (payload text): only the
    /// SQLSTATE and the server's message (which names a constraint or setting, never a bound
    /// value for the errors intake can meet) or the connection failure's kind are kept.
    static func wrappingPostgres(_ error: any Error, operation: String) -> StoreError? {
        switch error {
        case let error as PSQLError:
            if let state = error.serverInfo?[.sqlState] {
                return StoreError(.failed(operation: operation, reason: "PostgreSQL error \(state)"))
            }
            return StoreError(.failed(operation: operation, reason: "the database connection failed (\(error.code))"))
        case let error as PostgresTransactionError:
            let inner = error.beginError ?? error.closureError ?? error.commitError ?? error.rollbackError
            return inner.map { StoreError.wrapping($0, operation: operation) }
                ?? StoreError(.failed(operation: operation, reason: "the transaction failed"))
        default:
            let kind = String(describing: type(of: error))
            if kind.hasPrefix("ConnectionPoolError") || kind.hasPrefix("PostgresDecodingError") {
                return StoreError(.failed(operation: operation, reason: "the database is unavailable (\(kind))"))
            }
            return nil
        }
    }
}
