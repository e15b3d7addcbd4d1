import Foundation
import Testing
import Transforms

@testable import Host

/// Two `intake serve` processes on one PostgreSQL database, as behind a load balancer
/// (SPEC §8): concurrent senders share dedup keys across both listeners, and every payload
/// acknowledged is stored exactly once.
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first: these tests run the intake binary"))
struct ListenerSharedDatabaseTests {
    /// A folder with the test mappers and a configuration for `url`; samples ring of 7.
    static func project(url: String) throws -> ScratchFolder {
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
}
