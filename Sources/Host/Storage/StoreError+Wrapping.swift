import GRDB

extension StoreError {
    /// The store error for a failure while doing `operation` ("commit the request"), for
    /// either store.
    ///
    /// A driver error's own description holds the SQL and may hold bound values (payload
    /// text): only SQLite's result code, or PostgreSQL's SQLSTATE, is kept.
    static func wrapping(_ error: any Error, operation: String) -> StoreError {
        switch error {
        case let error as StoreError:
            error
        case let error as DatabaseError:
            StoreError(.failed(operation: operation, reason: "SQLite error \(error.resultCode)"))
        default:
            wrappingPostgres(error, operation: operation)
                ?? StoreError(.failed(operation: operation, reason: "unexpected \(type(of: error))"))
        }
    }
}
