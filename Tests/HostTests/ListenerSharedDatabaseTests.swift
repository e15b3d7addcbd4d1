import Foundation
import Testing
import Transforms

@testable import Host

/// Two `intake serve` processes on one PostgreSQL database, as behind a load balancer
/// (SPEC §8): concurrent senders share dedup keys across both listeners, and every payload
/// acknowledged is stored exactly once.
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first: these tests run the intake binary"))
struct ListenerSharedDatabaseTests {
    /// A folder with the test mappers and a configuration for `url`; samples ring of 7;
    /// `actions` (YAML) appended to the configuration.
    static func project(url: String, actions: String = "") throws -> ScratchFolder {
        let folder = try ScratchFolder(prefix: "intake-shared")
        for (name, text) in TestMappers.files { try folder.write("mappers/\(name)", text) }
        try folder.write(
            "intake.yaml",
            """
            listen: { host: 127.0.0.1, port: 0 }
            storage: { postgres: "\(url)" }
            mappers: mappers
            instances:
              - { name: forms, auth: none, store_samples: true, samples_kept: 7, mappers: [test-phish] }
            \(actions)
            """)
        return folder
    }

    /// Every incident of the database, read as `intake incidents` would.
    static func storedIncidents(_ url: String) async throws -> [StoredIncident] {
        let store = try PostgresIncidentStore(url: url)
        try await store.migrate()
        var all: [StoredIncident] = []
        var query = IncidentQuery(limit: IncidentQuery.maximumLimit)
        repeat {
            let page = try await store.incidents(query)
            all += page.items
            query.cursor = page.nextCursor
        } while query.cursor != nil
        let samples = try await store.samples(instance: "forms", limit: 100)
        try await store.close()
        #expect(samples.count <= 7, "the sample ring holds \(samples.count), more than samples_kept")
        return all
    }

    @Test func racingSendersOnTwoListenersStoreEachPayloadOnce() async throws {
        try await TestPostgres.withDatabase { url in
            let folder = try Self.project(url: url)
            defer { folder.remove() }
            let config = folder.url.appendingPathComponent("intake.yaml")
            try await SharedDatabaseListener.with([config, config]) { listeners in
                // 300 payloads from 12 senders: 4 in 5 carry one of 40 shared keys, the rest none.
                let outcomes = await SharedLoad.send(
                    to: listeners.map(\.port), count: 300, senders: 12, key: { $0 % 5 == 0 ? nil : "k\($0 % 40)" })
                #expect(outcomes.allSatisfy { $0.status == 200 }, "\(outcomes.filter { $0.status != 200 }.prefix(3))")

                let stored = try await Self.storedIncidents(url)
                let byKey = Dictionary(grouping: stored) { $0.dedupKey ?? ($0.name ?? "") }
                #expect(byKey.values.allSatisfy { $0.count == 1 }, "duplicated: \(byKey.filter { $0.value.count > 1 }.keys.sorted())")
                for (key, answers) in Dictionary(grouping: outcomes, by: \.key) {
                    let created = answers.filter { $0.result == "created" }
                    #expect(created.count == 1, "\(key): \(answers.map { $0.result ?? "-" })")
                    let ids = Set(answers.map(\.id))
                    #expect(ids.count == 1, "\(key) answered with ids \(ids)")
                    #expect(byKey[key]?.map(\.id) == [ids.first ?? nil].compactMap { $0 }, "\(key) is not stored under its answered id")
                }
                // 32 of the 40 keys occur (n % 40 for n not a multiple of 5), and 60 unkeyed payloads.
                #expect(stored.count == Set(outcomes.map(\.key)).count)
                #expect(stored.count == 32 + 60)
            }
        }
    }

    /// Both listeners' delivery workers claim from one outbox (`FOR UPDATE SKIP LOCKED`, SPEC
    /// §13): in this fault-free run every stored incident's delivery arrives exactly once
    /// between them, and none arrives for an incident that was not stored.
    @Test func twoListenersDeliverEachActionOnceBetweenThem() async throws {
        try await TestReceiver.with { receiver in
            try await TestPostgres.withDatabase { url in
                let folder = try Self.project(
                    url: url,
                    actions: """
                        actions:
                          - name: hook
                            when: { types: [Phishing] }
                            request: { url: "\(receiver.url)", timeout_s: 5 }
                            concurrency: 4
                        """)
                defer { folder.remove() }
                let config = folder.url.appendingPathComponent("intake.yaml")
                try await SharedDatabaseListener.with([config, config]) { listeners in
                    // 160 payloads from 8 senders over both listeners: 1 in 4 carries one of 10
                    // shared keys (a duplicate stores nothing and owes no delivery), the rest a key
                    // of its own.
                    let outcomes = await SharedLoad.send(
                        to: listeners.map(\.port), count: 160, senders: 8, key: { $0 % 4 == 0 ? "k\($0 / 4 % 10)" : "u\($0)" })
                    #expect(outcomes.allSatisfy { $0.status == 200 }, "\(outcomes.filter { $0.status != 200 }.prefix(3))")

                    let store = try PostgresIncidentStore(url: url)
                    var deliveries: [Delivery] = []
                    var stored: [StoredIncident] = []
                    do {
                        try await store.migrate()
                        stored = try await store.incidents(IncidentQuery(limit: 500)).items
                        // Every delivery settles within 60 s (each takes milliseconds at this receiver).
                        let deadline = ContinuousClock.now + .seconds(60)
                        repeat {
                            try await Task.sleep(for: .milliseconds(200))
                            deliveries = try await store.deliveries(DeliveryQuery(limit: 500)).items
                        } while deliveries.contains(where: { $0.status != .delivered }) && ContinuousClock.now < deadline
                        try await store.close()
                    } catch {
                        try? await store.close()
                        throw error
                    }
                    // A second claim of a delivery would have sent it before the first recorded it:
                    // anything doubled has arrived by now; a moment more for a straggler.
                    try await Task.sleep(for: .milliseconds(500))

                    #expect(stored.count == 120 + 10)
                    #expect(deliveries.count == stored.count, "one delivery per stored incident")
                    #expect(Set(deliveries.map(\.incident)) == Set(stored.map(\.id)))
                    #expect(
                        deliveries.allSatisfy { $0.status == .delivered && $0.attempts == 1 }, "\(deliveries.filter { $0.attempts != 1 }.prefix(3))")
                    let received = await receiver.log.requests
                    let keys = received.compactMap { $0.headers["idempotency-key"] }
                    #expect(keys.count == received.count, "every delivery carries its id")
                    let doubled = Dictionary(grouping: keys) { $0 }.filter { $0.value.count > 1 }.keys.sorted()
                    #expect(doubled.isEmpty, "received more than once: \(doubled.prefix(5))")
                    #expect(Set(keys) == Set(deliveries.map(\.key)), "every delivery arrived, and no other")
                    let storedTexts = Set(stored.map { $0.jsonText() })
                    #expect(received.allSatisfy { storedTexts.contains($0.text) }, "every body is a stored incident")
                    let sent = listeners.map { $0.log.all.joined().components(separatedBy: "delivered").count - 1 }
                    print("shared outbox: \(received.count) deliveries, sent by the two listeners \(sent)")
                }
            }
        }
    }
}
