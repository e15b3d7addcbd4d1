import Foundation
import GRDB
import Logging
import PostgresNIO
import Testing
import Transforms

@testable import Host

@Suite("Store: group commit")
struct StoreGroupCommitTests {
    /// With the first transaction held (as by a slow disk flush, or another listener holding a
    /// dedup key), the first batch commits alone and the 199 that arrive meanwhile share the
    /// next transaction: exactly two transactions, whatever the scheduling, and every caller
    /// still gets its own rows.
    @Test(arguments: StoreKind.allCases)
    func batchesArrivingDuringACommitShareTheNextTransaction(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let before = await store.statistics()
            @Sendable func batch(_ index: Int) -> IngestBatch {
                Make.batch(
                    [
                        .incident(Make.incident("req-\(index)", dedupKey: "key-\(index)")),
                        .quarantine(NewQuarantine(payloadText: "\(index)", headersText: "{}", errors: ["bad \(index)"])),
                    ], instance: index.isMultiple(of: 2) ? "even" : "odd")
            }
            @Sendable func commit(_ index: Int) async throws -> (Int, IngestReceipt) {
                (index, try await store.commit(batch(index)))
            }
            let stall = try await CommitStall.start(on: store, blocking: batch(0))
            let receipts: [Int: IngestReceipt]
            do {
                let first = Task { try await commit(0) }
                try await waitUntil("the first batch is in flight") { await stall.queue() == (1, 0) }
                let rest = Task {
                    try await withThrowingTaskGroup(of: (Int, IngestReceipt).self) { group in
                        for index in 1..<200 { group.addTask { try await commit(index) } }
                        return try await group.reduce(into: [Int: IngestReceipt]()) { $0[$1.0] = $1.1 }
                    }
                }
                try await waitUntil("199 batches wait") { await stall.queue() == (1, 199) }
                await stall.release()
                var all = try await rest.value
                let (index, receipt) = try await first.value
                all[index] = receipt
                receipts = all
            } catch {
                await stall.release()
                throw error
            }

            let after = await store.statistics()
            #expect(after.batchesCommitted - before.batchesCommitted == 200)
            #expect(after.transactionsCommitted - before.transactionsCommitted == 2)

            // Every caller got its own results, and they point at its own rows.
            #expect(receipts.count == 200)
            var incidentIds = Set<String>()
            var quarantineIds = Set<String>()
            for (index, receipt) in receipts {
                try #require(receipt.results.count == 2)
                let summary = try #require(receipt.results[0].summary)
                #expect(receipt.results[0].isCreated)
                #expect(summary.name == "req-\(index)")
                incidentIds.insert(summary.id)
                guard case let .quarantined(id, errors) = receipt.results[1] else {
                    Issue.record("item 2 of request \(index) is not quarantined")
                    continue
                }
                #expect(errors == ["bad \(index)"])
                quarantineIds.insert(id)
                let stored = try #require(try await store.incident(id: summary.id))
                #expect(stored.name == "req-\(index)")
                #expect(stored.instance == (index.isMultiple(of: 2) ? "even" : "odd"))
            }
            #expect(incidentIds.count == 200)
            #expect(quarantineIds.count == 200)
            let quarantined = try await store.quarantined(QuarantineQuery(limit: 500)).items
            #expect(Set(quarantined.map(\.id)) == quarantineIds)
            for payload in quarantined {
                #expect(payload.errors == ["bad \(payload.payloadText)"])
            }
        }
    }

    /// A transaction that waits at a gate the first time, so a test can line up a group.
    private actor FakeDatabase {
        private(set) var groups: [[Int]] = []
        private var gate: CheckedContinuation<Void, Never>?
        private var gateOpened = false

        func commit(_ batches: [Int]) async throws -> [Int] {
            groups.append(batches)
            if groups.count == 1, !gateOpened {
                await withCheckedContinuation { gate = $0 }
            }
            if batches.contains(-1) { throw StoreError(.failed(operation: "commit", reason: "test failure")) }
            if batches.contains(-2) { throw StoreError(.unavailable(operation: "commit", reason: "test: the database is gone")) }
            return batches.map { $0 * 10 }
        }

        var isWaitingAtGate: Bool { gate != nil }

        func openGate() {
            gateOpened = true
            gate?.resume()
            gate = nil
        }
    }

    @Test func waitingBatchesFormOneGroupAndAFailureIsRetriedAlone() async throws {
        let database = FakeDatabase()
        let committer = GroupCommit<Int, Int>(maximumGroupSize: 100) { try await database.commit($0) }
        async let first = committer.submit(1)
        while !(await database.isWaitingAtGate) { await Task.yield() }

        let values = Array(2...11) + [-1]
        let outcomes = Task {
            await withTaskGroup(of: (Int, Int?).self) { group in
                for value in values {
                    group.addTask { (value, try? await committer.submit(value)) }
                }
                return await group.reduce(into: [Int: Int?]()) { $0[$1.0] = $1.1 }
            }
        }
        while await committer.waitingCount < values.count { await Task.yield() }
        await database.openGate()

        #expect(try await first == 10)
        let results = await outcomes.value
        for value in 2...11 {
            #expect(results[value] == .some(value * 10))
        }
        #expect(results[-1] == .some(nil))

        let groups = await database.groups
        #expect(groups.count == 2 + values.count)
        #expect(groups[0] == [1])
        #expect(Set(groups[1]) == Set(values))
        #expect(groups.dropFirst(2).allSatisfy { $0.count == 1 })
        #expect(
            await committer.statistics
                == StoreStatistics(
                    transactionsCommitted: 11, batchesCommitted: 11, groupsRetried: 1, batchesFailed: 1))
    }

    /// A database that is gone fails the group it was given; its batches are not retried
    /// one by one (each would wait for the database again), they all fail at once.
    @Test func aGroupTheDatabaseIsUnavailableForFailsWholeWithoutRetries() async throws {
        let database = FakeDatabase()
        let committer = GroupCommit<Int, Int>(maximumGroupSize: 100) { try await database.commit($0) }
        async let first = committer.submit(1)
        while !(await database.isWaitingAtGate) { await Task.yield() }
        let values = Array(2...11) + [-2]
        let outcomes = Task {
            await withTaskGroup(of: (any Error)?.self) { group in
                for value in values {
                    group.addTask {
                        do {
                            _ = try await committer.submit(value)
                            return nil
                        } catch { return error }
                    }
                }
                return await group.reduce(into: [(any Error)?]()) { $0.append($1) }
            }
        }
        while await committer.waitingCount < values.count { await Task.yield() }
        await database.openGate()

        #expect(try await first == 10)
        let errors = await outcomes.value
        #expect(errors.count == values.count)
        #expect(errors.allSatisfy { ($0 as? StoreError)?.isUnavailable == true }, "\(errors)")
        #expect(await database.groups.count == 2)
        #expect(
            await committer.statistics
                == StoreStatistics(transactionsCommitted: 1, batchesCommitted: 1, groupsRetried: 0, batchesFailed: values.count))
    }

    /// With `answerWithinSeconds`, a caller has its answer in time even when the database
    /// never answers: the batch in flight is abandoned at its deadline, the one queued behind
    /// it gets the rest of its own time, and neither waits for the other's full timeout.
    @Test func everyCallerIsAnsweredWithinTheLimitWhenTheDatabaseNeverAnswers() async throws {
        let limit = 0.4
        let committer = GroupCommit<Int, Int>(maximumGroupSize: 100, answerWithinSeconds: limit) { batches in
            try await Task.sleep(for: .seconds(120))
            return batches
        }
        @Sendable func timedSubmit(_ value: Int) async -> (error: StoreError?, elapsed: Duration) {
            let started = ContinuousClock.now
            do {
                _ = try await committer.submit(value)
                return (nil, ContinuousClock.now - started)
            } catch {
                return (error as? StoreError, ContinuousClock.now - started)
            }
        }
        async let first = timedSubmit(1)
        while await committer.inFlightCount == 0 { await Task.yield() }
        let rest = await withTaskGroup(of: (error: StoreError?, elapsed: Duration).self) { group in
            for value in 2...20 { group.addTask { await timedSubmit(value) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let all = rest + [await first]
        for (error, elapsed) in all {
            #expect(error?.isUnavailable == true, "\(String(describing: error))")
            // The limit plus generous slack for a loaded machine (the whole suite on two cores);
            // without the deadline every caller would wait the database's 120 s.
            #expect(elapsed < .seconds(limit + 30), "answered after \(elapsed)")
        }
        #expect(all.compactMap(\.error).allSatisfy { $0.description.contains("within 0.4 s") })
        await committer.close()
    }

    @Test func groupsAreCappedAtTheMaximumSize() async throws {
        let database = FakeDatabase()
        let committer = GroupCommit<Int, Int>(maximumGroupSize: 4) { try await database.commit($0) }
        async let first = committer.submit(0)
        while !(await database.isWaitingAtGate) { await Task.yield() }
        let rest = Task {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for value in 1...10 { group.addTask { try await committer.submit(value) } }
                return try await group.reduce(0, +)
            }
        }
        while await committer.waitingCount < 10 { await Task.yield() }
        await database.openGate()
        #expect(try await first == 0)
        #expect(try await rest.value == 550)
        #expect(await database.groups.map(\.count) == [1, 4, 4, 2])
    }

    @Test func closeFinishesQueuedBatchesThenRefuses() async throws {
        let database = FakeDatabase()
        let committer = GroupCommit<Int, Int>(maximumGroupSize: 100) { try await database.commit($0) }
        async let first = committer.submit(1)
        while !(await database.isWaitingAtGate) { await Task.yield() }
        let second = Task { try await committer.submit(2) }
        while await committer.waitingCount < 1 { await Task.yield() }
        let closing = Task { await committer.close() }
        await database.openGate()
        await closing.value
        #expect(try await first == 10)
        #expect(try await second.value == 20)
        await #expect(throws: StoreError.self) { try await committer.submit(3) }
    }
}

/// Holds a store's next transaction until released: SQLite's writer connection kept busy (as
/// by a slow disk flush), or, on PostgreSQL, another session holding the advisory lock of the
/// blocking batch's dedup key (as another listener's transaction would).
private struct CommitStall: Sendable {
    /// Batches in the transaction in flight and batches queued behind it.
    let queue: @Sendable () async -> (inFlight: Int, waiting: Int)
    /// Lets the transaction go; calling it again is harmless.
    let release: @Sendable () async -> Void

    static func start(on store: any IncidentStore, blocking batch: IngestBatch) async throws -> CommitStall {
        if let sqlite = store as? SQLiteIncidentStore {
            let hold = await WriterHold.start(on: sqlite.writer)
            return CommitStall(queue: { await sqlite.committerQueue() }, release: { hold.release() })
        }
        let postgres = try #require(store as? PostgresIncidentStore)
        let connection = try await TestPostgres.connect(try TestPostgres.requireURL())
        let logger = Logger(label: "intake-test")
        let names = PostgresIngest.lockNames([batch])
        _ = try await connection.query(
            "SELECT pg_advisory_lock(hashtextextended(name, 0))::text FROM unnest(\(names)::text[]) AS name",
            logger: logger
        ).collect()
        // Closing the session drops its lock; closing a closed connection only fails, ignored.
        return CommitStall(queue: { await postgres.committerQueue() }, release: { try? await connection.close() })
    }
}

/// Keeps a store's writer connection busy until released, as a slow disk flush would.
private final class WriterHold: Sendable {
    private let gate = DispatchSemaphore(value: 0)

    /// Returns once the writer is held.
    static func start(on writer: any DatabaseWriter) async -> WriterHold {
        let hold = WriterHold()
        await withCheckedContinuation { (held: CheckedContinuation<Void, Never>) in
            Thread {
                writer.writeWithoutTransaction { _ in
                    held.resume()
                    hold.gate.wait()
                }
            }.start()
        }
        return hold
    }

    /// Lets the writer go; calling it again is harmless.
    func release() { gate.signal() }
}

/// Polls `condition` until it holds, for at most 10 s.
private func waitUntil(_ what: String, _ condition: () async -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while !(await condition()) {
        guard ContinuousClock.now < deadline else {
            Issue.record("timed out waiting until \(what)")
            throw CancellationError()
        }
        try await Task.sleep(for: .milliseconds(1))
    }
}
