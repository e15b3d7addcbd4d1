import Testing
import Transforms

@testable import Host

@Suite("Store: dedup, samples and quarantine")
struct StoreIngestTests {
    @Test(arguments: StoreKind.allCases)
    func duplicateOfAnEarlierCommitReturnsTheFirstIncident(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let first = try await store.commit(Make.batch(Make.incident("first", occurred: Make.at(1), dedupKey: "k")))
            let again = try await store.commit(Make.batch(Make.incident("second", type: "Malware", occurred: Make.at(2), dedupKey: "k")))
            let firstSummary = StoredIncidentSummary(id: "1", name: "first", type: "Phishing", occurred: Make.at(1))
            #expect(first.results == [.created(firstSummary)])
            #expect(again.results == [.duplicate(firstSummary)])
            // Keys are per instance, and incidents without a key never collide.
            let other = try await store.commit(Make.batch(Make.incident("elsewhere", dedupKey: "k"), instance: "alerts"))
            #expect(other.results.first?.isCreated == true)
            let unkeyed = try await store.commit(Make.batch([.incident(Make.incident("n1")), .incident(Make.incident("n2"))]))
            #expect(unkeyed.results.allSatisfy { $0.isCreated })
            #expect(try await store.incidents(IncidentQuery()).items.count == 4)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func duplicateWithinOneBatch(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let receipt = try await store.commit(
                Make.batch([
                    .incident(Make.incident("a", dedupKey: "x")),
                    .incident(Make.incident("b", dedupKey: "y")),
                    .incident(Make.incident("c", dedupKey: "x")),
                ]))
            #expect(receipt.results.map(\.isCreated) == [true, true, false])
            #expect(receipt.results[2] == .duplicate(try #require(receipt.results[0].summary)))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentDuplicatesAgreeOnOneIncident(kind: StoreKind) async throws {
        try await kind.withStore { store in
            // Batches of one group share a transaction: a key stored earlier in the group
            // must be seen like one from an earlier commit.
            let results = try await withThrowingTaskGroup(of: IngestResult.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await store.commit(Make.batch(Make.incident("n\(index)", dedupKey: "same"))).results[0]
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let created = results.filter(\.isCreated)
            try #require(created.count == 1)
            let winner = try #require(created[0].summary)
            #expect(results.filter { $0 == .duplicate(winner) }.count == 39)
            #expect(try await store.incidents(IncidentQuery()).items.map(\.id) == [winner.id])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func samplesKeepTheLastNPerInstance(kind: StoreKind) async throws {
        try await kind.withStore { store in
            func sample(_ n: Int) -> NewSample {
                NewSample(payloadText: #"{"n":\#(n)}"#, headersText: #"{"x-n":"\#(n)"}"#, received: Make.at(Int64(n)))
            }
            for n in 1...5 {
                var batch = Make.batch([], received: Make.at(Int64(n)))
                batch.samples = [sample(n)]
                batch.samplesKept = 3
                _ = try await store.commit(batch)
            }
            var other = Make.batch([], instance: "alerts")
            other.samples = [sample(100)]
            other.samplesKept = 3
            _ = try await store.commit(other)

            let kept = try await store.samples(instance: "forms", limit: 10)
            #expect(kept.map(\.payloadText) == [#"{"n":5}"#, #"{"n":4}"#, #"{"n":3}"#])
            #expect(
                kept.first
                    == StoredSample(
                        id: "s5", instance: "forms", received: Make.at(5),
                        headersText: #"{"x-n":"5"}"#, payloadText: #"{"n":5}"#))
            #expect(try await store.samples(instance: "forms", limit: 2).map(\.id) == ["s5", "s4"])
            #expect(try await store.samples(instance: "alerts", limit: 10).map(\.payloadText) == [#"{"n":100}"#])

            // One request with more payloads than the ring keeps only its newest.
            var big = Make.batch([])
            big.samples = (6...9).map(sample)
            big.samplesKept = 3
            _ = try await store.commit(big)
            #expect(
                try await store.samples(instance: "forms", limit: 10).map(\.payloadText)
                    == [#"{"n":9}"#, #"{"n":8}"#, #"{"n":7}"#])

            // samplesKept 0 stores nothing and keeps what is there.
            var none = Make.batch([])
            none.samples = [sample(10)]
            _ = try await store.commit(none)
            #expect(try await store.samples(instance: "forms", limit: 10).count == 3)
            #expect(try await store.samples(instance: "nobody", limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func quarantineListsAndResolves(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let errors = ["fields.reporter: required field is missing", "type: \"Nope\" is not a declared type"]
            let receipt = try await store.commit(
                Make.batch(
                    [
                        .quarantine(NewQuarantine(payloadText: #"{"a":1}"#, headersText: "{}", errors: errors, mapperName: "forms")),
                        .quarantine(NewQuarantine(payloadText: "42", headersText: "{}", errors: ["payload is not a JSON object"])),
                    ], received: Make.at(7)))
            _ = try await store.commit(
                Make.batch(
                    [
                        .quarantine(NewQuarantine(payloadText: "[]", headersText: "{}", errors: ["x"]))
                    ], instance: "alerts"))
            #expect(receipt.results == [.quarantined(id: "q1", errors: errors), .quarantined(id: "q2", errors: ["payload is not a JSON object"])])

            let open = try await store.quarantined(QuarantineQuery())
            #expect(open.items.map(\.id) == ["q3", "q2", "q1"])
            #expect(
                open.items.last
                    == QuarantinedPayload(
                        id: "q1", instance: "forms", received: Make.at(7), payloadText: #"{"a":1}"#, headersText: "{}",
                        errors: errors, mapperName: "forms"))
            #expect(try await store.quarantined(QuarantineQuery(instance: "forms")).items.map(\.id) == ["q2", "q1"])

            let firstPage = try await store.quarantined(QuarantineQuery(limit: 2))
            #expect(firstPage.nextCursor != nil)
            let secondPage = try await store.quarantined(QuarantineQuery(limit: 2, cursor: firstPage.nextCursor))
            #expect(firstPage.items.map(\.id) + secondPage.items.map(\.id) == ["q3", "q2", "q1"])
            #expect(secondPage.nextCursor == nil)

            try await store.resolveQuarantined(ids: ["q1", "q3"])
            try await store.resolveQuarantined(ids: ["q1", "q99"])  // idempotent; unknown ids ignored
            #expect(try await store.quarantined(QuarantineQuery()).items.map(\.id) == ["q2"])
            let all = try await store.quarantined(QuarantineQuery(includeResolved: true))
            #expect(all.items.map(\.id) == ["q3", "q2", "q1"])
            #expect(all.items.map { $0.resolved != nil } == [true, false, true])

            for bad in ["1", "q", "q0", "q01", "s1", "Q1"] {
                let error = await #expect(throws: StoreError.self, "id \(bad)") { try await store.resolveQuarantined(ids: [bad]) }
                #expect(error?.isInvalidRequest == true)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func twoReplaysOfOneEntryStoreItsIncidentOnce(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let held = try await store.commit(
                Make.batch([
                    .quarantine(NewQuarantine(payloadText: #"{"a":1}"#, headersText: "{}", errors: ["e"])),
                    .quarantine(NewQuarantine(payloadText: #"{"a":2}"#, headersText: "{}", errors: ["e"])),
                ]))
            #expect(held.results.count == 2)
            // Ten replays race for q1 (no dedup key: only the resolution can stop a second copy).
            let outcomes = await withTaskGroup(of: Result<IngestReceipt, any Error>.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        var batch = Make.batch(Make.incident("replayed-\(index)"))
                        batch.replaces = ["q1"]
                        do { return .success(try await store.commit(batch)) } catch { return .failure(error) }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let committed = outcomes.filter { if case .success = $0 { true } else { false } }
            #expect(committed.count == 1)
            for case let .failure(error) in outcomes {
                #expect((error as? StoreError)?.isAlreadyResolved == true, "\(error)")
            }
            #expect(try await store.incidents(IncidentQuery()).items.count == 1)
            #expect(try await store.quarantined(QuarantineQuery()).items.map(\.id) == ["q2"])
            // A batch naming an open and a resolved entry stores nothing and resolves nothing.
            var mixed = Make.batch(Make.incident("mixed"))
            mixed.replaces = ["q2", "q1"]
            let error = await #expect(throws: StoreError.self) { try await store.commit(mixed) }
            #expect(error?.isAlreadyResolved == true)
            #expect(try await store.quarantined(QuarantineQuery()).items.map(\.id) == ["q2"])
            #expect(try await store.incidents(IncidentQuery()).items.count == 1)
        }
    }
}
