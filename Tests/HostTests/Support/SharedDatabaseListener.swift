import Foundation
import Testing
import Transforms

@testable import Host

/// An `intake serve` process on a configuration file, its log captured and its port known.
final class SharedDatabaseListener: Sendable {
    let process: Process
    let log: LogCapture
    let port: Int

    private init(process: Process, log: LogCapture, port: Int) {
        self.process = process
        self.log = log
        self.port = port
    }

    /// Starts `intake serve --config config` and waits until it listens.
    static func start(config: URL) async throws -> SharedDatabaseListener {
        let launched = try await ServeLaunch.start(config: config)
        return SharedDatabaseListener(process: launched.process, log: launched.log, port: launched.port)
    }

    /// SIGTERM, and waits (at most about 20 s) for the exit; returns how long the process
    /// took to exit by itself, nil when it had to be killed (or had already exited).
    @discardableResult
    func stop() async -> Duration? {
        guard process.isRunning else { return nil }
        let started = ContinuousClock.now
        process.terminate()
        for _ in 0..<400 where process.isRunning {
            try? await Task.sleep(for: .milliseconds(50))
        }
        guard process.isRunning else { return ContinuousClock.now - started }
        kill(process.processIdentifier, SIGKILL)
        return nil
    }

    /// Runs `body` with one listener per configuration, stopping them all afterwards.
    static func with(_ configs: [URL], _ body: ([SharedDatabaseListener]) async throws -> Void) async throws {
        var started: [SharedDatabaseListener] = []
        do {
            for config in configs { started.append(try await start(config: config)) }
            try await body(started)
        } catch {
            for listener in started { await listener.stop() }
            throw error
        }
        for listener in started { await listener.stop() }
    }
}

/// The responses of a bounded load of keyed payloads against several listeners, and the checks
/// that every acknowledged payload is stored exactly once.
struct SharedLoad {
    struct Outcome: Sendable {
        var key: String
        var status: Int
        var id: String?
        var result: String?
        var retryAfter: String?
        /// Why there is no status (status 0): no connection, or no answer in time.
        var failure: String?
    }

    /// How long a sender waits for an answer: a listener that holds a request longer than
    /// this shows as status 0 with `NoAnswer`, instead of hanging the test.
    static let answerLimit: Duration = .seconds(20)

    /// Sends `count` payloads from `senders` concurrent senders, round-robin over the
    /// listeners; payload `n` has the dedup key `keys(n)` (nil: none, the title is unique).
    static func send(
        to ports: [Int], count: Int, senders: Int, key: @escaping @Sendable (Int) -> String?,
        between: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async -> [Outcome] {
        await withTaskGroup(of: [Outcome].self) { group in
            for sender in 0..<senders {
                group.addTask {
                    var outcomes: [Outcome] = []
                    for n in stride(from: sender, to: count, by: senders) {
                        await between(n)
                        let key = key(n)
                        let idMember = key.map { #""id": "\#($0)", "# } ?? ""
                        let body = #"{"kind": "phish", \#(idMember)"title": "t\#(n)", "email": "a@example.com"}"#
                        let port = ports[n % ports.count]
                        do {
                            let response = try await TestHTTP.post(port: port, "/instance/execute/forms", json: body, within: answerLimit)
                            let element = response.json?.arrayValue?.first
                            outcomes.append(
                                Outcome(
                                    key: key ?? "t\(n)", status: response.status, id: element?.at("id")?.stringValue,
                                    result: element?.at("status")?.stringValue, retryAfter: response.header("Retry-After")))
                        } catch {
                            outcomes.append(Outcome(key: key ?? "t\(n)", status: 0, failure: "\(error)"))
                        }
                    }
                    return outcomes
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
    }
}
