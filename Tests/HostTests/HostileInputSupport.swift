import Foundation
import NIOCore
import NIOPosix
import Testing
import Transforms

@testable import Host

/// A bystander: a well-behaved sender that keeps asking `GET /healthz` while an attack runs,
/// so a hostile-input test can say "and everyone else was still served".
struct Bystander {
    /// The slowest answer the bystander got, and how many answers it got.
    struct Report {
        var worst: Duration
        var answered: Int
        var failures: [String]
    }

    /// Runs `attack` while the bystander polls `/healthz` every 50 ms (at most 400 times),
    /// then returns the attack's result and the bystander's report.
    static func during<T: Sendable>(
        port: Int, _ attack: @escaping @Sendable () async throws -> T
    ) async throws -> (T, Report) {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let report = ReportBox()
            group.addTask {
                var polls = 0
                while polls < 400, !report.stopped {
                    polls += 1
                    let started = ContinuousClock.now
                    do {
                        let response = try await TestHTTP.send(port: port, "GET", "/healthz", body: "")
                        report.record(ContinuousClock.now - started, failure: response.status == 200 ? nil : "status \(response.status)")
                    } catch {
                        report.record(ContinuousClock.now - started, failure: "\(error)")
                    }
                    try? await Task.sleep(for: .milliseconds(50))
                }
            }
            let result: T
            do {
                // Let the bystander see the listener before the attack starts.
                try await Task.sleep(for: .milliseconds(60))
                result = try await attack()
            } catch {
                report.stop()
                throw error
            }
            report.stop()
            try await group.waitForAll()
            return (result, report.report)
        }
    }

    final class ReportBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value = Report(worst: .zero, answered: 0, failures: [])
        private var isStopped = false

        func record(_ duration: Duration, failure: String?) {
            lock.withLock {
                value.worst = max(value.worst, duration)
                value.answered += 1
                if let failure { value.failures.append(failure) }
            }
        }

        func stop() { lock.withLock { isStopped = true } }
        var stopped: Bool { lock.withLock { isStopped } }
        var report: Report { lock.withLock { value } }
    }
}

/// Sending bodies with any content type and headers, timing the answer.
extension TestHTTP {
    static func timedPost(
        port: Int, _ path: String, contentType: String, body: [UInt8], headers: [(String, String)] = []
    ) async throws -> (Response, Duration) {
        let started = ContinuousClock.now
        let response = try await exchange(
            port: port, parts: [requestBytes("POST", path, headers: [("Content-Type", contentType)] + headers, body: body)])
        return (response, ContinuousClock.now - started)
    }
}

extension TestHTTP.Response {
    /// The `error` member of a JSON error body.
    var errorMessage: String? { json?.objectValue?["error"]?.stringValue }
}

/// Fails when `operation` takes longer than `limit`: for exchanges that must end because the
/// server closes the connection, not because a test waited long enough.
func within<T: Sendable>(
    _ limit: Duration, _ what: String, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let result = first else {
            throw TestServerFailure(description: "\(what) took longer than \(limit)")
        }
        return result
    }
}

/// A client that connects, sends `bytes` (a partial request head, or nothing) and then holds
/// the socket: one socket of a slow-client flood.
struct SlowClient {
    let channel: any Channel

    static func connect(port: Int, sending bytes: [UInt8]) async throws -> SlowClient {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port).get()
        if !bytes.isEmpty { try await channel.writeAndFlush(ByteBuffer(bytes: bytes)) }
        return SlowClient(channel: channel)
    }

    /// Whether the server has closed the connection.
    var isClosed: Bool { !channel.isActive }

    func close() async {
        try? await channel.close()
    }
}
