import Foundation
import Testing
import Transforms

@testable import Host

/// The stores every storage test runs against (STYLE 8): each test is written once, against
/// `IncidentStore`, and parametrised over these. PostgreSQL runs when scripts/with-postgres.sh
/// (which scripts/test.sh uses) has a test cluster up; otherwise its cases are skipped, saying
/// why, except under CI, where a missing cluster fails.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqliteInMemory
    case sqliteFile
    case postgres

    var testDescription: String { rawValue }

    /// Runs `body` on a fresh, migrated store of this kind, then closes it and removes its files.
    func withStore(_ body: (any IncidentStore) async throws -> Void) async throws {
        switch self {
        case .sqliteInMemory:
            let store = try SQLiteIncidentStore.inMemory()
            try await store.migrate()
            try await body(store)
            try await store.close()
        case .sqliteFile:
            try await TemporaryFolder.with { folder in
                let store = try SQLiteIncidentStore(path: folder.appendingPathComponent("intake.db").path)
                try await store.migrate()
                try await body(store)
                try await store.close()
            }
        case .postgres:
            try await TestPostgres.withSchema { store in try await body(store) }
        }
    }
}

/// A folder under the system's temporary directory, removed afterwards.
enum TemporaryFolder {
    static func with(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intake-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }
}

/// Test data: small builders so each test states only what it is about.
enum Make {
    static func at(_ seconds: Int64) -> Instant {
        Instant(millisecondsSinceEpoch: 1_790_000_000_000 + seconds * 1000)
    }

    static func incident(
        _ name: String, type: String = "Phishing", occurred: Instant = at(0), severity: Int = 2, dedupKey: String? = nil
    ) -> NewIncident {
        NewIncident(
            type: type, name: name, occurred: occurred, severity: severity, dedupKey: dedupKey,
            rawPayloadText: #"{"name":"\#(name)"}"#, headersText: #"{"content-type":"application/json"}"#)
    }

    static func batch(_ items: [IngestItem], instance: String = "forms", received: Instant = at(100)) -> IngestBatch {
        IngestBatch(instance: instance, received: received, items: items)
    }

    static func batch(_ incident: NewIncident, instance: String = "forms", received: Instant = at(100)) -> IngestBatch {
        batch([.incident(incident)], instance: instance, received: received)
    }
}

extension IngestResult {
    var summary: StoredIncidentSummary? {
        switch self {
        case let .created(summary), let .duplicate(summary): summary
        case .quarantined: nil
        }
    }

    var isCreated: Bool {
        if case .created = self { true } else { false }
    }
}

@Suite("Store: commit and read back")
struct StoreTests {
    @Test(arguments: StoreKind.allCases)
    func commitsAnIncidentAndReadsItBack(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let incident = NewIncident(
                type: "Phishing", name: "Suspicious \"mail\"", occurred: Make.at(1), severity: 3,
                details: "line 1\nline 2", fieldsText: #"{"reporter":"a@example.com","urls":["http://x.test/"]}"#,
                dedupKey: "form-17", rawPayloadText: #"{"reporter": "A@example.com",  "n": 1.50}"#,
                headersText: #"{"user-agent":"Google-Apps-Script"}"#, mapperName: "google-forms-security",
                mapperVersion: 3, mapperHash: "sha256:abc", provenanceText: #"{"reporter":[{"step":"path"}]}"#)
            let receipt = try await store.commit(Make.batch(incident, received: Make.at(2)))
            #expect(
                receipt.results == [
                    .created(
                        StoredIncidentSummary(
                            id: "1", name: "Suspicious \"mail\"", type: "Phishing", occurred: Make.at(1)))
                ])

            let stored = try #require(try await store.incident(id: "1"))
            #expect(stored == StoredIncident(id: "1", instance: "forms", created: Make.at(2), incident: incident))
            #expect(
                stored.jsonText() == #"{"id":"1","instance":"forms","type":"Phishing","name":"Suspicious \"mail\"","#
                    + #""occurred":"2026-09-21T14:13:21Z","created":"2026-09-21T14:13:22Z","severity":3,"#
                    + #""details":"line 1\nline 2","fields":{"reporter":"a@example.com","urls":["http://x.test/"]},"#
                    + #""mapper":{"name":"google-forms-security","version":3},"dedup_key":"form-17"}"#)
            #expect(
                stored.jsonText(raw: true, provenance: true).hasSuffix(
                    #""dedup_key":"form-17","raw":{"payload":{"reporter": "A@example.com",  "n": 1.50},"#
                        + #""headers":{"user-agent":"Google-Apps-Script"}},"provenance":{"reporter":[{"step":"path"}]}}"#))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func defaultMappingIncidentOmitsEmptyKeys(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let incident = NewIncident(
                type: "Unclassified", name: "", occurred: Make.at(0), severity: 0, fieldsText: "{}",
                rawPayloadText: "{}", headersText: "{}")
            _ = try await store.commit(Make.batch(incident, received: Make.at(0)))
            let stored = try #require(try await store.incident(id: "1"))
            #expect(
                stored.jsonText() == #"{"id":"1","instance":"forms","type":"Unclassified","#
                    + #""occurred":"2026-09-21T14:13:20Z","created":"2026-09-21T14:13:20Z","severity":0}"#)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func unknownAndMalformedIdsFindNothing(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.commit(Make.batch(Make.incident("a")))
            for id in ["2", "01", "+1", "q1", "s1", "", "1 ", "99999999999999999999"] {
                #expect(try await store.incident(id: id) == nil, "id \(id)")
            }
            #expect(try await store.incident(id: "1") != nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func itemsKeepTheirOrderAndKinds(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let receipt = try await store.commit(
                Make.batch([
                    .incident(Make.incident("first")),
                    .quarantine(NewQuarantine(payloadText: "\"text\"", headersText: "{}", errors: ["payload is not a JSON object"])),
                    .incident(Make.incident("third")),
                ]))
            #expect(receipt.results.count == 3)
            #expect(receipt.results[0].summary?.name == "first")
            #expect(receipt.results[1] == .quarantined(id: "q1", errors: ["payload is not a JSON object"]))
            #expect(receipt.results[2].summary?.name == "third")
            #expect(receipt.results[0].summary?.id == "1")
            #expect(receipt.results[2].summary?.id == "2")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aBadBatchFailsAloneAndStoresNothing(kind: StoreKind) async throws {
        try await kind.withStore { store in
            // Severity 9 breaks a CHECK constraint: the batch's transaction fails whatever
            // group it lands in, and its good incident must not be stored either.
            let outcomes = await withTaskGroup(of: (Int, Result<IngestReceipt, any Error>).self) { group in
                for index in 0..<20 {
                    group.addTask {
                        var items: [IngestItem] = [.incident(Make.incident("ok-\(index)", dedupKey: "k\(index)"))]
                        if index == 7 { items.append(.incident(Make.incident("bad", severity: 9))) }
                        do { return (index, .success(try await store.commit(Make.batch(items)))) } catch { return (index, .failure(error)) }
                    }
                }
                return await group.reduce(into: [Int: Result<IngestReceipt, any Error>]()) { $0[$1.0] = $1.1 }
            }
            for (index, outcome) in outcomes {
                switch outcome {
                case let .success(receipt):
                    #expect(index != 7)
                    #expect(receipt.results.first?.summary?.name == "ok-\(index)")
                case let .failure(error):
                    #expect(index == 7)
                    let storeError = try #require(error as? StoreError)
                    #expect(!storeError.isInvalidRequest)
                    #expect(!storeError.description.contains("INSERT"))
                    #expect(!storeError.description.contains("ok-7"))
                }
            }
            let page = try await store.incidents(IncidentQuery(limit: 500))
            #expect(page.items.count == 19)
            #expect(!page.items.contains { $0.name == "ok-7" || $0.name == "bad" })
        }
    }

    @Test(arguments: StoreKind.allCases)
    func reachableUntilClosedThenRefusesCommits(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let reachableWhileOpen = await store.isReachable()
            #expect(reachableWhileOpen)
            try await store.close()
            let reachableAfterClose = await store.isReachable()
            #expect(!reachableAfterClose)
            let error = await #expect(throws: StoreError.self) { try await store.commit(Make.batch(Make.incident("late"))) }
            #expect(error?.description == "the store is closed")
        }
    }
}
