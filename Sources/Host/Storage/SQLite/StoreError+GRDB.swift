import GRDB

extension StoreError {
    /// The store error for a failure while doing `operation` ("commit the request").
    ///
    /// A `DatabaseError`'s own description holds the SQL and may hold bound values (payload
    /// text): only its result code and SQLite's fixed text for it are kept.
    static func wrapping(_ error: any Error, operation: String) -> StoreError {
        switch error {
        case let error as StoreError:
            error
        case let error as DatabaseError:
            StoreError(.failed(operation: operation, reason: "SQLite error \(error.resultCode)"))
        default:
            StoreError(.failed(operation: operation, reason: "unexpected \(type(of: error))"))
        }
    }
}
