import Foundation
import Testing
import Transforms

@testable import Host

/// The outbox across a `kill -9` (SPEC §13): the listener dies while deliveries are in flight
/// at a slow receiver; after a restart every stored incident's delivery arrives, each delivery
/// id at least once, and none for an incident that was not stored.
@Suite(.serialized, .enabled(if: IntakeBinary.isBuilt), .timeLimit(.minutes(2)))
struct ActionCrashTests {
    static let incidents = 12

    @Test func aKilledListenerLosesNoDelivery() async throws {
        // Until the restart the receiver holds every request past the action's timeout, so the
        // kill lands while deliveries are in flight and none is recorded as delivered.
        let holding = SharedFlag(true)
        try await TestReceiver.with(answer: { _ in holding.value ? .init(delay: .seconds(5)) : .init() }) { receiver in
            let folder = try ScratchFolder(prefix: "intake-action-crash")
            defer { folder.remove() }
            for (name, text) in TestMappers.files { try folder.write("mappers/\(name)", text) }
            let config = try folder.write(
                "intake.yaml",
                """
                listen: { host: 127.0.0.1, port: 0 }
                storage: { sqlite: intake.db }
                mappers: mappers
                instances:
                  - { name: forms, auth: none, mappers: [test-phish] }
                actions:
                  - name: hook
                    when: { types: [Phishing] }
                    request: { url: "\(receiver.url)", timeout_s: 3 }
                    retry: { attempts: 10, initial_s: 1, max_s: 2 }
                    concurrency: 2
                """)
            let first = try await ListenerProcess.start(config: config)
            var acknowledged: [String] = []
            for n in 0..<Self.incidents {
                let json = #"{"kind": "phish", "id": "k\#(n)", "title": "t\#(n)", "email": "a@example.com"}"#
                let response = try await TestHTTP.post(port: first.port, "/instance/execute/forms", json: json)
                #expect(response.status == 200)
                if let id = response.json?.arrayValue?.first?.objectValue?["id"]?.stringValue { acknowledged.append(id) }
            }
            // At least one delivery is at the receiver and not yet answered.
            _ = await receiver.log.wait(for: 1)
            first.kill()

            let store = try SQLiteIncidentStore(path: folder.url.appendingPathComponent("intake.db").path)
            let deliveries = try await store.deliveries(DeliveryQuery(limit: 500)).items
            #expect(Set(deliveries.map(\.incident)) == Set(acknowledged), "one delivery per acknowledged incident")
            let keys = Set(deliveries.map(\.key))
            #expect(keys.count == Self.incidents)

            // Those not recorded as delivered when the listener died, in flight ones included,
            // must arrive again after the restart.
            let owed = Set(deliveries.filter { $0.status != .delivered }.map(\.key))
            let inFlight = await receiver.log.requests.compactMap { $0.headers["idempotency-key"] }
            #expect(owed == keys, "nothing was answered before the kill")
            #expect(!inFlight.isEmpty, "the kill landed while a delivery was in flight")
            holding.value = false
            let restarted = ContinuousClock.now
            let second = try await ListenerProcess.start(config: config)
            defer { second.kill() }
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                let pending = try await store.deliveries(DeliveryQuery(status: .pending, limit: 500)).items
                if pending.isEmpty { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            let after = try await store.deliveries(DeliveryQuery(limit: 500)).items
            #expect(after.allSatisfy { $0.status == .delivered }, "\(after.map(\.status))")
            let resent = Set(await receiver.log.requests.filter { $0.arrived > restarted }.compactMap { $0.headers["idempotency-key"] })
            #expect(resent.isSuperset(of: owed), "every delivery owed at the kill arrived after the restart")
            let seen = Set(await receiver.log.requests.compactMap { $0.headers["idempotency-key"] })
            #expect(seen == keys, "every delivery id arrived, and no other")
            let stored = Set(try await store.incidents(IncidentQuery(limit: 500)).items.map { $0.jsonText() })
            for request in await receiver.log.requests {
                #expect(stored.contains(request.text), "every body is a stored incident")
            }
            try await store.close()
        }
    }
}

/// `intake serve --config FILE` as a child process, its port read from its log.
struct ListenerProcess {
    let process: Process
    let port: Int

    static func start(config: URL) async throws -> ListenerProcess {
        let launched = try await ServeLaunch.start(config: config)
        return ListenerProcess(process: launched.process, port: launched.port)
    }

    /// SIGKILL: no shutdown, no flush, nothing finished.
    func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
