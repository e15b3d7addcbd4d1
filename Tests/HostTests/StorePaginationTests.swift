import Foundation
import Testing
import Transforms

@testable import Host

@Suite("Store: listing, filters and cursors")
struct StorePaginationTests {
    /// Commits one incident per name, each created one second after the previous.
    private func commit(
        _ names: [String], to store: any IncidentStore, from second: Int64 = 0,
        instance: String = "forms", type: String = "Phishing"
    ) async throws {
        for (offset, name) in names.enumerated() {
            _ = try await store.commit(
                Make.batch(
                    Make.incident(name, type: type), instance: instance, received: Make.at(second + Int64(offset))))
        }
    }

    private func allPages(_ store: any IncidentStore, _ query: IncidentQuery) async throws -> [[String]] {
        var pages: [[String]] = []
        var query = query
        while true {
            let page = try await store.incidents(query)
            pages.append(page.items.map { $0.name ?? "" })
            guard let cursor = page.nextCursor else { return pages }
            query.cursor = cursor
        }
    }

    @Test(arguments: StoreKind.allCases)
    func newestFirstByCreatedThenId(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.commit(Make.batch(Make.incident("middle"), received: Make.at(5)))
            _ = try await store.commit(Make.batch(Make.incident("oldest"), received: Make.at(1)))
            _ = try await store.commit(
                Make.batch(
                    [.incident(Make.incident("newest-a")), .incident(Make.incident("newest-b"))],
                    received: Make.at(9)))
            let page = try await store.incidents(IncidentQuery())
            #expect(page.items.map(\.name) == ["newest-b", "newest-a", "middle", "oldest"])
            #expect(page.nextCursor == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func cursorsWalkEveryPageOnce(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await commit((1...7).map { "i\($0)" }, to: store)
            #expect(try await allPages(store, IncidentQuery(limit: 3)) == [["i7", "i6", "i5"], ["i4", "i3", "i2"], ["i1"]])
            // A page that ends exactly at the last row has no next cursor.
            #expect(try await allPages(store, IncidentQuery(limit: 7)) == [["i7", "i6", "i5", "i4", "i3", "i2", "i1"]])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func cursorsAreStableUnderInsertsBetweenPages(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await commit((1...6).map { "i\($0)" }, to: store, from: 10)
            let first = try await store.incidents(IncidentQuery(limit: 2))
            #expect(first.items.map(\.name) == ["i6", "i5"])
            // Newer rows, and rows created earlier than the boundary (a late request), arrive.
            try await commit(["new1", "new2"], to: store, from: 100)
            try await commit(["late"], to: store, from: 0)
            let rest = try await allPages(store, IncidentQuery(limit: 2, cursor: first.nextCursor))
            let seen: [String] = first.items.map { $0.name ?? "" } + Array(rest.joined())
            // No row repeats, none that existed at the first page is skipped; the late row
            // sorts after the boundary, so it is listed too.
            #expect(seen == ["i6", "i5", "i4", "i3", "i2", "i1", "late"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func filtersByInstanceTypeAndSince(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await commit(["f1", "f2"], to: store, from: 0, instance: "forms", type: "Phishing")
            try await commit(["a1"], to: store, from: 2, instance: "alerts", type: "Malware")
            try await commit(["f3"], to: store, from: 3, instance: "forms", type: "Malware")
            try await commit(["a2"], to: store, from: 4, instance: "alerts", type: "Phishing")

            func names(_ query: IncidentQuery) async throws -> [String] {
                try await store.incidents(query).items.compactMap(\.name)
            }
            #expect(try await names(IncidentQuery(instance: "forms")) == ["f3", "f2", "f1"])
            #expect(try await names(IncidentQuery(type: "Phishing")) == ["a2", "f2", "f1"])
            #expect(try await names(IncidentQuery(since: Make.at(2))) == ["a2", "f3", "a1"])
            #expect(try await names(IncidentQuery(instance: "alerts", type: "Phishing")) == ["a2"])
            #expect(try await names(IncidentQuery(instance: "forms", type: "Malware", since: Make.at(3))) == ["f3"])
            #expect(try await names(IncidentQuery(instance: "nobody")) == [])
            // Filters hold across pages.
            #expect(try await allPages(store, IncidentQuery(instance: "forms", limit: 1)) == [["f3"], ["f2"], ["f1"]])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func refusesBadLimitsAndCursors(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await commit(["a", "b", "c"], to: store)
            for limit in [0, -1, 501] {
                let error = await #expect(throws: StoreError.self) { try await store.incidents(IncidentQuery(limit: limit)) }
                #expect(error?.isInvalidRequest == true)
                #expect(error?.description == "limit must be between 1 and 500")
            }
            #expect(try await store.incidents(IncidentQuery(limit: 500)).items.count == 3)
            let good = try #require(try await store.incidents(IncidentQuery(limit: 1)).nextCursor)
            let quarantineCursor = try await quarantineCursor(store)
            // Cursors the store never hands out: re-padded, standard base64, a negative or
            // signed or zero-padded sort key (issue 10: these used to be accepted).
            func token(_ text: String) -> String {
                Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                    .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            }
            let handMade = [good + "==", token("v1:-1:-5"), token("v1:+1764000000000:2"), token("v1:01764000000000:2"), token("v1: 1:2")]
            for cursor in ["", "nonsense", "!!!", good + "x", String(good.dropLast()), quarantineCursor] + handMade {
                let error = await #expect(throws: StoreError.self, "cursor \(cursor)") {
                    try await store.incidents(IncidentQuery(limit: 1, cursor: cursor))
                }
                #expect(error?.isInvalidRequest == true)
            }
            await #expect(throws: StoreError.self) { try await store.samples(instance: "forms", limit: 0) }
        }
    }

    /// A cursor made by the quarantine listing (one key part), which incidents must refuse.
    private func quarantineCursor(_ store: any IncidentStore) async throws -> String {
        for index in 0..<2 {
            _ = try await store.commit(
                Make.batch([
                    .quarantine(NewQuarantine(payloadText: "[]", headersText: "{}", errors: ["e\(index)"]))
                ]))
        }
        return try #require(try await store.quarantined(QuarantineQuery(limit: 1)).nextCursor)
    }
}
