/// Runs an operation that must finish within a time, cancelling it when it does not.
///
/// A store whose database went away must answer `503` promptly rather than hold requests
/// while its driver keeps retrying; the operation is cancelled (PostgresNIO gives up a waiting
/// connection lease or a running query on cancellation) and `StoreError` (unavailable) thrown.
enum Deadline {
    static func run<T: Sendable>(
        seconds: Double, operation: String, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw StoreError(.failed(operation: operation, reason: "the database did not answer within \(seconds) s"))
            }
            return value
        }
    }
}
