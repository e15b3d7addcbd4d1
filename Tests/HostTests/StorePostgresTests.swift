import Foundation
import Logging
import PostgresNIO
import Testing
import Transforms

@testable import Host

/// What only a shared database shows: several stores (as several listeners) on one schema,
/// migrations racing, the server's settings, TLS and an unreachable server.
@Suite("Store: PostgreSQL")
struct StorePostgresTests {
    /// Two more stores on the schema of `store`, as two more listeners would be.
    private func withPeers(of store: PostgresIncidentStore, _ body: ([PostgresIncidentStore]) async throws -> Void) async throws {
        let url = try TestPostgres.requireURL()
        let peers = try (0..<2).map { _ in try PostgresIncidentStore(url: url, configuration: store.configuration) }
        do {
            try await body(peers)
        } catch {
            for peer in peers { try? await peer.close() }
            throw error
        }
        for peer in peers { try await peer.close() }
    }

    @Test func migrationsRacingFromSeveralListenersApplyOnceAndRefuseANewerSchema() async throws {
        try await TestPostgres.withSchema { store in
            try await withPeers(of: store) { peers in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for peer in peers { group.addTask { try await peer.migrate() } }
                    try await group.waitForAll()
                }
                let versions = try await store.client.query("SELECT version FROM intake_schema").collect()
                #expect(versions.count == PostgresSchema.version)
                _ = try await store.client.query("INSERT INTO intake_schema (version, applied) VALUES (99, 0)").collect()
                let error = await #expect(throws: StoreError.self) { try await peers[0].migrate() }
                #expect(error?.isNewerSchema == true)
                #expect(error?.description.contains("has schema version 99, newer than this intake knows (\(PostgresSchema.version))") == true)
                #expect(error?.description.contains("upgrade intake") == true)
            }
        }
    }

    @Test func listenersRacingOnOneKeyGetOneCreatedAndDuplicatesWithItsId() async throws {
        try await TestPostgres.withSchema { store in
            try await withPeers(of: store) { peers in
                let stores = [store] + peers
                let results = try await withThrowingTaskGroup(of: (String, IngestResult).self) { group in
                    for index in 0..<120 {
                        let key = "key-\(index % 10)"
                        group.addTask {
                            let batch = Make.batch(Make.incident("n\(index)", dedupKey: key))
                            return (key, try await stores[index % stores.count].commit(batch).results[0])
                        }
                    }
                    return try await group.reduce(into: [String: [IngestResult]]()) { $0[$1.0, default: []].append($1.1) }
                }
                let stored = try await store.incidents(IncidentQuery(limit: 500)).items
                #expect(stored.count == 10)
                for (key, outcomes) in results {
                    let created = outcomes.filter(\.isCreated)
                    try #require(created.count == 1, "\(key): \(outcomes)")
                    let winner = try #require(created[0].summary)
                    #expect(outcomes.filter { $0 == .duplicate(winner) }.count == 11, "\(key)")
                    #expect(stored.filter { $0.dedupKey == key }.map(\.id) == [winner.id])
                }
                #expect(Set(stored.map(\.id)).count == 10)
            }
        }
    }

    @Test func sampleRingsStayCappedAcrossListeners() async throws {
        try await TestPostgres.withSchema { store in
            try await withPeers(of: store) { peers in
                let stores = [store] + peers
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<90 {
                        group.addTask {
                            var batch = Make.batch([], received: Make.at(Int64(index)))
                            batch.samples = [NewSample(payloadText: "{\"n\":\(index)}", headersText: "{}", received: Make.at(Int64(index)))]
                            batch.samplesKept = 5
                            _ = try await stores[index % stores.count].commit(batch)
                        }
                    }
                    try await group.waitForAll()
                }
                let kept = try await store.samples(instance: "forms", limit: 100)
                #expect(kept.count == 5)
                // The newest five by id: the last five committed.
                let newest = try await store.client.query("SELECT max(id) FROM samples").collect()
                let maxID = try newest.first.map { try $0.decode(Int64.self) } ?? 0
                #expect(kept.map(\.id) == (0..<5).map { "s\(maxID - Int64($0))" })
            }
        }
    }

    @Test func twoOperatorsResolvingAtOnceLeaveOneResolutionEach() async throws {
        try await TestPostgres.withSchema { store in
            try await withPeers(of: store) { peers in
                let items: [IngestItem] = (0..<20).map {
                    .quarantine(NewQuarantine(payloadText: "\($0)", headersText: "{}", errors: ["e"]))
                }
                let receipt = try await store.commit(Make.batch(items))
                let ids = receipt.results.compactMap { if case let .quarantined(id, _) = $0 { id } else { nil } }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for peer in peers { group.addTask { try await peer.resolveQuarantined(ids: ids.shuffled()) } }
                    try await group.waitForAll()
                }
                #expect(try await store.quarantined(QuarantineQuery()).items.isEmpty)
                let resolved = try await store.quarantined(QuarantineQuery(includeResolved: true, limit: 100)).items
                #expect(resolved.count == 20)
                #expect(resolved.allSatisfy { $0.resolved != nil })
            }
        }
    }

    @Test func aServerThatMayLoseCommitsIsRefused() async throws {
        #expect(PostgresDurability.problem(fsync: "off", synchronousCommit: "on")?.contains("fsync = off") == true)
        #expect(PostgresDurability.problem(fsync: "on", synchronousCommit: "off")?.contains("synchronous_commit = off") == true)
        for level in ["on", "local", "remote_write", "remote_apply"] {
            #expect(PostgresDurability.problem(fsync: "on", synchronousCommit: level) == nil)
        }
        // synchronous_commit can be off for one database: a real server says so, and the store refuses it.
        try await TestPostgres.withDatabase { url in
            let admin = try TestPostgres.requireURL()
            let name = try #require(URLComponents(string: url)?.path.dropFirst())
            try await TestPostgres.admin(admin) { "ALTER DATABASE \(unescaped: String(name)) SET synchronous_commit = off" }
            let store = try PostgresIncidentStore(url: url)
            let error = await #expect(throws: StoreError.self) { try await store.migrate() }
            #expect(error?.description.contains("synchronous_commit = off") == true)
            #expect(error?.description.contains("would lose incidents intake already acknowledged") == true)
            try await store.close()
        }
    }

    @Test func tlsWhenTheURLAsksForIt() async throws {
        let url = try TestPostgres.requireURL()
        func usesTLS(_ mode: String) async throws -> Bool {
            let store = try PostgresIncidentStore(url: url + "?sslmode=\(mode)")
            let rows = try await store.client.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").collect()
            try await store.close()
            return try rows.first?.decode(Bool.self) ?? false
        }
        #expect(try await usesTLS("require"))
        #expect(try await !usesTLS("disable"))
        // verify-full against the system's roots: the test cluster's certificate is self-signed.
        let store = try PostgresIncidentStore(url: url + "?sslmode=verify-full")
        await #expect(throws: StoreError.self) { try await store.migrate() }
        try await store.close()
    }

    @Test func anUnreachableServerFailsWithinTheDeadlineWithoutThePassword() async throws {
        _ = try TestPostgres.requireURL()
        // Port 9 (discard): nothing listens there on a test machine.
        let store = try PostgresIncidentStore(
            url: "postgres://intake:s3cret-pw@127.0.0.1:9/intake?sslmode=disable",
            configuration: PostgresStoreConfiguration(operationTimeoutSeconds: 0.5))
        let started = ContinuousClock.now
        let error = await #expect(throws: StoreError.self) { try await store.migrate() }
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(error?.description.contains("s3cret") == false)
        let reachable = await store.isReachable()
        #expect(!reachable)
        let commitError = await #expect(throws: StoreError.self) { try await store.commit(Make.batch(Make.incident("x"))) }
        #expect(commitError?.isInvalidRequest == false)
        #expect(commitError?.isUnavailable == true)

        // Many requests at once: one group fails whole, within the deadline, rather than each
        // request being retried alone after it (which took the group's size times the deadline).
        let before = await store.statistics()
        let manyStarted = ContinuousClock.now
        let errors = await withTaskGroup(of: StoreError?.self) { group in
            for index in 0..<100 {
                group.addTask {
                    do {
                        _ = try await store.commit(Make.batch(Make.incident("x\(index)")))
                        return nil
                    } catch { return error as? StoreError }
                }
            }
            return await group.reduce(into: [StoreError?]()) { $0.append($1) }
        }
        #expect(errors.allSatisfy { $0?.isUnavailable == true })
        #expect(ContinuousClock.now - manyStarted < .seconds(10), "100 commits took \(ContinuousClock.now - manyStarted)")
        let after = await store.statistics()
        #expect(after.groupsRetried == before.groupsRetried)
        #expect(after.batchesFailed - before.batchesFailed == 100)
        try await store.close()
    }
}
