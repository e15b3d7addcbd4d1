import NIOConcurrencyHelpers

/// Runs an operation that must finish within a time, cancelling it when it does not.
///
/// A store whose database went away must answer `503` promptly rather than hold requests
/// while its driver keeps retrying. At the deadline the caller gets `StoreError` (unavailable)
/// at once and the operation is cancelled; the caller does not wait for the operation to
/// notice, since a query on a connection the server dropped mid-transaction may not notice
/// for a long time, and waiting for it would hold every request queued behind it.
enum Deadline {
    /// Runs `body`, failing with "the database did not answer within `seconds` s" (unavailable)
    /// when it has not finished by then.
    static func run<T: Sendable>(
        seconds: Double, operation: String, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let reason = "the database did not answer within \(secondsText(seconds)) s"
        return try await run(seconds: seconds, failure: StoreError(.unavailable(operation: operation, reason: reason)), body)
    }

    /// Runs `body`, failing with `failure` when it has not finished within `seconds`.
    static func run<T: Sendable>(
        seconds: Double, failure: StoreError, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let outcome = FirstOutcome<T>()
        let work = Task { outcome.settle(with: await Result { try await body() }) }
        let timer = Task {
            try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            outcome.settle(with: .failure(failure))
        }
        defer {
            work.cancel()
            timer.cancel()
        }
        return try await withTaskCancellationHandler {
            try await outcome.value
        } onCancel: {
            outcome.settle(with: .failure(CancellationError()))
        }
    }

    /// `5` for 5.0, `0.5` for 0.5: seconds as a configuration would spell them.
    static func secondsText(_ seconds: Double) -> String {
        seconds == seconds.rounded() && abs(seconds) < 1e15 ? String(Int64(seconds)) : String(seconds)
    }
}

/// The first of several racing results; later ones are dropped.
private final class FirstOutcome<T: Sendable>: Sendable {
    private enum State {
        case open(waiter: CheckedContinuation<T, any Error>?)
        case settled(Result<T, any Error>)
    }

    private let state = NIOLockedValueBox(State.open(waiter: nil))

    func settle(with result: Result<T, any Error>) {
        let waiter: CheckedContinuation<T, any Error>? = state.withLockedValue { state in
            guard case let .open(waiter) = state else { return nil }
            state = .settled(result)
            return waiter
        }
        waiter?.resume(with: result)
    }

    var value: T {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                let settled: Result<T, any Error>? = state.withLockedValue { state in
                    switch state {
                    case .open:
                        state = .open(waiter: continuation)
                        return nil
                    case let .settled(result):
                        return result
                    }
                }
                if let settled { continuation.resume(with: settled) }
            }
        }
    }
}

extension Result where Failure == any Error {
    /// The result of an async throwing body.
    fileprivate init(_ body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
