import PostgresNIO

extension StoreError {
    /// The store error for a PostgreSQL failure while doing `operation`.
    ///
    /// A `PSQLError`'s own description holds the query and its binds (payload text): only the
    /// SQLSTATE and the server's message (which names a constraint or setting, never a bound
    /// value for the errors intake can meet) or the connection failure's kind are kept.
    ///
    /// A failure to reach the database (no connection, a connection lost, a server shutting
    /// down or starting up, too many connections) is `unavailable`; the server refusing a
    /// statement is `failed`.
    static func wrappingPostgres(_ error: any Error, operation: String) -> StoreError? {
        switch error {
        case let error as PSQLError:
            if let state = error.serverInfo?[.sqlState] {
                let reason = "PostgreSQL error \(state)"
                return StoreError(
                    isUnavailability(sqlState: state)
                        ? .unavailable(operation: operation, reason: reason) : .failed(operation: operation, reason: reason))
            }
            return StoreError(.unavailable(operation: operation, reason: "the database connection failed (\(error.code))"))
        case let error as PostgresTransactionError:
            let inner = error.beginError ?? error.closureError ?? error.commitError ?? error.rollbackError
            return inner.map { StoreError.wrapping($0, operation: operation) }
                ?? StoreError(.failed(operation: operation, reason: "the transaction failed"))
        default:
            let kind = String(describing: type(of: error))
            if kind.hasPrefix("ConnectionPoolError") {
                return StoreError(.unavailable(operation: operation, reason: "the database is unavailable (\(kind))"))
            }
            if kind.hasPrefix("PostgresDecodingError") {
                return StoreError(.failed(operation: operation, reason: "a column could not be read (\(kind))"))
            }
            return nil
        }
    }

    /// SQLSTATEs that say the server cannot serve right now rather than refusing the
    /// statement: class 08 (connection exception), 53300 (too many connections), 57P01–57P03
    /// (shutting down, crashed, starting up).
    static func isUnavailability(sqlState state: String) -> Bool {
        state.hasPrefix("08") || ["53300", "57P01", "57P02", "57P03"].contains(state)
    }
}
