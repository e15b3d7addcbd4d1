import Testing

@testable import Transforms

@Suite struct JSONValueTests {
    @Test func equalityFollowsS3() {
        #expect(JSON.number(.int(1)) == JSON.number(.double(1.0)))
        #expect(JSON.bool(true) != JSON.number(.int(1)))
        #expect(JSON.string("3") != JSON.number(.int(3)))
        let a: JSON = ["x": 1, "y": [true, nil]]
        let b: JSON = ["y": [true, nil], "x": 1.0]
        #expect(a == b)
    }

    /// Objects past `linearComparisonLimit` members compare through a dictionary (fuzzing
    /// found the per-key scan quadratic); the answers are the same as for small ones.
    @Test func largeObjectsCompareByMembersInAnyOrder() {
        let count = JSONObject.linearComparisonLimit * 4
        let members = (0..<count).map { (key: "k\($0)", value: JSON.number(.int($0))) }
        let object = JSONObject(members)
        #expect(object == JSONObject(members.reversed()))
        #expect(object == JSONObject(members.map { ($0.key, $0.value == 7 ? JSON.number(.double(7.0)) : $0.value) }))
        #expect(object != JSONObject(members.map { ($0.key, $0.key == "k9" ? "9" : $0.value) }))
        #expect(object != JSONObject(members.map { ($0.key == "k9" ? "k9 " : $0.key, $0.value) }))
        #expect(object != JSONObject(Array(members.dropLast())))
    }

    @Test func instantsPrintAsRFC3339() {
        #expect(Instant(millisecondsSinceEpoch: 1_795_874_592_000).rfc3339 == "2026-11-28T14:03:12Z")
        #expect(Instant(millisecondsSinceEpoch: 1_795_874_592_500).rfc3339 == "2026-11-28T14:03:12.500Z")
        #expect(Instant(millisecondsSinceEpoch: -1).rfc3339 == "1969-12-31T23:59:59.999Z")
    }

    @Test func civilDatesRoundTrip() {
        for days: Int64 in [-719_468, -1, 0, 1, 20_000, 2_932_896] {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(!CivilDate(year: 2026, month: 2, day: 30).isValid)
        #expect(CivilDate(year: 2024, month: 2, day: 29).isValid)
    }
}
