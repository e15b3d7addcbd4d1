import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A webhook receiver on a loopback port chosen by the system: what an action delivers to in
/// tests. It records every request and answers as the test scripts it (status, headers, delay).
struct TestReceiver: Sendable {
    /// One request as received.
    struct Request: Sendable {
        var path: String
        var method: String
        /// Header names lower-cased; a repeated header keeps its last value.
        var headers: [String: String]
        var body: [UInt8]
        var arrived: ContinuousClock.Instant

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// How the receiver answers one request.
    struct Answer: Sendable {
        var status: Int = 200
        /// The `Retry-After` header to send, if any.
        var retryAfter: String?
        /// Waits this long before answering (a slow receiver).
        var delay: Duration = .zero
    }

    let port: Int
    let log: RequestLog

    var url: String { "http://127.0.0.1:\(port)/hook" }

    /// Records requests and the most answered at once.
    actor RequestLog {
        private(set) var requests: [Request] = []
        private(set) var inFlight = 0
        private(set) var mostInFlight = 0

        func arrived(_ request: Request) -> Int {
            requests.append(request)
            inFlight += 1
            mostInFlight = max(mostInFlight, inFlight)
            return requests.count - 1
        }

        func answered() { inFlight -= 1 }

        /// Waits (polling, at most `timeout`) until `count` requests arrived; returns them all.
        func wait(for count: Int, timeout: Duration = .seconds(30)) async -> [Request] {
            let deadline = ContinuousClock.now + timeout
            while requests.count < count, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(50))
            }
            return requests
        }
    }

    /// Runs a receiver answering request number `n` (from 0) with `answer(n)`, runs `body`,
    /// then stops the receiver.
    static func with(
        answer: @escaping @Sendable (Int) -> Answer = { _ in Answer() }, _ body: (TestReceiver) async throws -> Void
    ) async throws {
        let log = RequestLog()
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let number = await log.arrived(
                Request(
                    path: request.uri.path, method: request.method.rawValue, headers: headers, body: Array(buffer: bytes),
                    arrived: .now))
            let answer = answer(number)
            if answer.delay > .zero { try? await Task.sleep(for: answer.delay) }
            await log.answered()
            let fields: HTTPFields = answer.retryAfter.map { [.retryAfter: $0] } ?? [:]
            return Response(status: HTTPResponse.Status(code: answer.status), headers: fields)
        }
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: Logger(label: "test-receiver") { _ in SwiftLogNoOpLogHandler() })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                let services = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: Logger(label: "test-receiver"))
                try await services.run()
            }
            var port = 0
            for await bound in stream { port = bound }
            defer { group.cancelAll() }
            try await body(TestReceiver(port: port, log: log))
        }
    }
}
