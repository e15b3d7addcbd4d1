import Foundation
import Testing
import Transforms

@testable import Host

/// The database stopped under load and started again, with two listeners on it (SPEC §8):
/// every request is answered within the store's timeout — `200` only for what was committed,
/// else `503` with `Retry-After` — `/readyz` says `503` while the database is down, both
/// listeners serve again by themselves once it is back, and SIGTERM stops a listener within
/// seconds while it is down, answering the requests it holds first.
///
/// It stops the whole test cluster, so it runs alone: scripts/test.sh runs it in a second pass
/// (`INTAKE_TEST_POSTGRES_EXCLUSIVE=1 scripts/with-postgres.sh swift test --skip-build
/// --filter DatabaseOutageTests`).
@Suite(
    .enabled(if: IntakeBinary.isBuilt, "run `swift build` first: these tests run the intake binary"),
    .enabled(
        if: ProcessInfo.processInfo.environment["INTAKE_TEST_POSTGRES_EXCLUSIVE"] == "1",
        "stops the database: runs alone (INTAKE_TEST_POSTGRES_EXCLUSIVE=1 scripts/with-postgres.sh swift test --skip-build --filter DatabaseOutageTests)"
    ))
struct DatabaseOutageTests {
    /// The store's operation timeout (PostgresStoreConfiguration) plus slack for a loaded
    /// machine: no request may wait longer for its answer while the database is down.
    static let answerBound: Duration = .seconds(5 + 4)

    @Test func everyRequestIsAnsweredAndTheListenersRecover() async throws {
        @Sendable func database(_ command: String) async throws {
            #expect(try await TestPostgres.control(command) == 0, "$INTAKE_TEST_POSTGRES_CTL \(command) failed")
        }
        try await TestPostgres.withDatabase { url in
            let folder = try ListenerSharedDatabaseTests.project(url: url)
            defer { folder.remove() }
            let config = folder.url.appendingPathComponent("intake.yaml")
            try await SharedDatabaseListener.with([config, config]) { listeners in
                let ports = listeners.map(\.port)
                // A load that spans the outage: unique keys, a short pause between requests.
                let load = Task {
                    await SharedLoad.send(to: ports, count: 240, senders: 8, key: { "o\($0)" }) { _ in
                        try? await Task.sleep(for: .milliseconds(15))
                    }
                }
                try await Task.sleep(for: .milliseconds(400))
                try await database("stop")

                // Down: both listeners say so on /readyz and refuse with 503 and Retry-After, in time.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for port in ports { group.addTask { try await Self.expectRefusals(port: port) } }
                    try await group.waitForAll()
                }
                try await Task.sleep(for: .milliseconds(300))
                try await database("start")

                // Back: both recover by themselves (the pool reconnects) within 30 s.
                for port in ports {
                    #expect(try await Self.waitUntilReady(port: port), "listener on \(port) did not recover")
                    let accepted = try await TestHTTP.post(
                        port: port, "/instance/execute/forms",
                        json: #"{"kind": "phish", "id": "up-\#(port)", "title": "u", "email": "a@example.com"}"#, within: Self.answerBound)
                    #expect(accepted.status == 200, "\(accepted)")
                }

                let outcomes = await load.value
                #expect(outcomes.count == 240)
                #expect(
                    outcomes.allSatisfy { $0.status == 200 || $0.status == 503 },
                    "\(outcomes.filter { $0.status != 200 && $0.status != 503 }.prefix(3))")
                #expect(outcomes.filter { $0.status == 503 }.allSatisfy { $0.retryAfter != nil })
                let stored = try await ListenerSharedDatabaseTests.storedIncidents(url)
                let storedIDs = Dictionary(stored.map { ($0.dedupKey ?? "", $0.id) }) { first, _ in first }
                for outcome in outcomes where outcome.status == 200 {
                    #expect(storedIDs[outcome.key] == outcome.id, "\(outcome.key) acknowledged as \(outcome.id ?? "-") but not stored so")
                }
                #expect(Set(stored.compactMap(\.dedupKey)).count == stored.count, "a key stored twice")
                print(
                    "database outage: \(outcomes.filter { $0.status == 200 }.count) acknowledged, "
                        + "\(outcomes.filter { $0.status == 503 }.count) answered 503, \(stored.count) stored")

                // Down again, with requests held by both listeners: SIGTERM answers them 503 and
                // each listener exits by itself within seconds.
                try await database("stop")
                let held = Task {
                    await SharedLoad.send(to: ports, count: 8, senders: 8, key: { "held\($0)" })
                }
                try await Task.sleep(for: .seconds(1))
                for listener in listeners {
                    let exit = await listener.stop()
                    #expect(exit.map { $0 < Self.answerBound } == true, "SIGTERM took \(exit.map { "\($0)" } ?? "forever: killed")")
                    #expect(listener.process.terminationStatus == 0)
                }
                let heldOutcomes = await held.value
                #expect(heldOutcomes.allSatisfy { $0.status == 503 && $0.retryAfter != nil }, "\(heldOutcomes)")
                try await database("start")
            }
        }
    }

    /// `/readyz` and a POST of `port` both answer 503 (the POST with Retry-After) within the bound.
    static func expectRefusals(port: Int) async throws {
        let ready = try await TestHTTP.send(port: port, "GET", "/readyz", body: "", within: answerBound)
        #expect(ready.status == 503, "\(ready)")
        let refused = try await TestHTTP.post(
            port: port, "/instance/execute/forms", json: #"{"kind": "phish", "id": "down-\#(port)", "title": "d", "email": "a@example.com"}"#,
            within: answerBound)
        #expect(refused.status == 503, "\(refused)")
        #expect(refused.header("Retry-After") != nil)
    }

    /// Polls `/readyz` of `port` for at most about 30 s; whether it answered 200.
    static func waitUntilReady(port: Int) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if (try? await TestHTTP.send(port: port, "GET", "/readyz", body: "", within: answerBound))?.status == 200 { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
