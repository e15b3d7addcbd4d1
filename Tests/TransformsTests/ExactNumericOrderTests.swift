import Testing

@testable import Transforms

/// SEMANTICS S3: numbers compare by exact value, in conditions and JSONPath filters alike,
/// integer against integer, integer against float and float against float.
@Suite struct ExactNumericOrderTests {
    /// A number as JSON text reads it (S2): integers exactly, others as doubles.
    func number(_ text: String) throws -> JSONNumber {
        guard case .number(let number) = try JSON.parse(text) else {
            Issue.record("\(text) is not a number")
            return .int(0)
        }
        return number
    }

    func order(_ left: String, _ right: String) throws -> NumericOrder? {
        try number(left).exactOrder(number(right))
    }

    /// Each pair is strictly ascending; each is checked both ways and against itself.
    static let ascending: [(String, String)] = [
        ("9007199254740991", "9007199254740992"),  // 2^53 - 1, 2^53
        ("9007199254740992", "9007199254740993"),  // 2^53, 2^53 + 1: one double apart from nothing
        ("9223372036854775806", "9223372036854775807"),  // 2^63 - 1, the largest Int
        ("9223372036854775807", "9223372036854775808"),  // Int.max, 2^63 (a big integer)
        ("18446744073709551615", "18446744073709551616"),  // 2^64 - 1, 2^64
        ("18446744073709551616", "18446744073709551617"),  // 2^64, 2^64 + 1
        ("-9223372036854775809", "-9223372036854775808"),  // -2^63 - 1, Int.min
        ("-18446744073709551617", "-18446744073709551616"),
        ("-18446744073709551616", "9223372036854775807"),
        ("999999999999999999999999999999", "1000000000000000000000000000000"),  // 10^30 - 1, 10^30
        ("1000000000000000000000000000000", "1000000000000000000000000000001"),
        // Integers against the doubles nearest them.
        ("9007199254740992.0", "9007199254740993"),  // 2^53 as a double, 2^53 + 1
        ("9007199254740993", "9007199254740994.0"),
        ("9223372036854775807", "9.223372036854775808e18"),  // Int.max, 2^63 as a double
        ("-9.223372036854775808e18", "-9223372036854775807"),
        ("18446744073709551615", "1.8446744073709551616e19"),  // 2^64 - 1, 2^64 as a double
        ("1.8446744073709551616e19", "18446744073709551617"),
        ("1e30", "1000000000000000019884624838657"),  // 1e30 is exactly ...838656
        ("1000000000000000000000000000000", "1e30"),
        ("-1e30", "-1000000000000000000000000000000"),
        ("2", "2.5"), ("-3", "-2.5"), ("-1", "-0.5"), ("0", "0.5"), ("-0.5", "0"),
        ("1e308", "1" + String(repeating: "0", count: 309)),
        ("-" + String(repeating: "9", count: 400), "-1e308"),
    ]

    static let equal: [(String, String)] = [
        ("1", "1.0"), ("0", "-0.0"), ("-0", "0"),
        ("9007199254740992", "9007199254740992.0"),
        ("-9223372036854775808", "-9.223372036854775808e18"),
        ("9223372036854775808", "9.223372036854775808e18"),
        ("18446744073709551616", "1.8446744073709551616e19"),
        ("1000000000000000019884624838656", "1e30"),
        ("18446744073709551617", "18446744073709551617"),
    ]

    @Test(arguments: ascending) func ordersByExactValue(_ pair: (String, String)) throws {
        #expect(try order(pair.0, pair.1) == .less, "\(pair.0) < \(pair.1)")
        #expect(try order(pair.1, pair.0) == .greater, "\(pair.1) > \(pair.0)")
        #expect(try number(pair.0) != number(pair.1))
        #expect(try order(pair.0, pair.0) == .equal)
    }

    @Test(arguments: equal) func equalValuesAreEqual(_ pair: (String, String)) throws {
        #expect(try order(pair.0, pair.1) == .equal, "\(pair.0) == \(pair.1)")
        #expect(try order(pair.1, pair.0) == .equal)
        #expect(try number(pair.0) == number(pair.1))
    }

    @Test func nanIsUnordered() {
        #expect(JSONNumber.double(.nan).exactOrder(.int(1)) == nil)
        #expect(JSONNumber.bigInt("18446744073709551616").exactOrder(.double(.nan)) == nil)
        #expect(JSONNumber.double(.infinity).exactOrder(.bigInt("-" + String(repeating: "9", count: 30))) == .greater)
        #expect(JSONNumber.bigInt(String(repeating: "9", count: 400)).exactOrder(.double(.infinity)) == .less)
    }

    /// The JSONPath filter and the `equals` condition answer alike on the issue's payload.
    @Test func filtersAndConditionsAgree() throws {
        let payload = try JSON.parse(#"{"data": {"scripts": [{"constant_script_id": 18446744073709551617}]}}"#)
        let filter = try JSONPath("$.data.scripts[?@.constant_script_id == 18446744073709551616]")
        #expect(filter.values(payload) == [])
        let condition = try PipelineCompiler(registry: .builtIn, place: "when").compileCondition(
            YAMLLoader.load("{ path: '$.data.scripts[0].constant_script_id', equals: 18446744073709551616 }", file: "when.yaml"))
        #expect(try !condition.holds(subject: payload, payload: payload))
        let same = try JSONPath("$.data.scripts[?@.constant_script_id == 18446744073709551617]")
        #expect(same.values(payload).count == 1)
    }

    @Test(arguments: [
        ("$[?@ == 18446744073709551616]", "[18446744073709551617, 18446744073709551616]", ["18446744073709551616"]),
        ("$[?@ > 9007199254740992]", "[9007199254740993, 9007199254740992, 9007199254740992.0]", ["9007199254740993"]),
        ("$[?@ >= 9007199254740993]", "[9007199254740993, 9007199254740992]", ["9007199254740993"]),
        ("$[?@ != 9007199254740992]", "[9007199254740993, 9007199254740992.0]", ["9007199254740993"]),
        ("$[?@ < -9223372036854775808]", "[-9223372036854775809, -9223372036854775808]", ["-9223372036854775809"]),
        (
            "$[?@ <= 1e30]", "[1000000000000000019884624838656, 1000000000000000019884624838657, 1e30]",
            ["1000000000000000019884624838656", "1e+30"]
        ),
        (
            "$[?@ > 18446744073709551615.0]", "[18446744073709551615, 18446744073709551616, 18446744073709551617]",
            ["18446744073709551617"]
        ),  // the literal is the double 2^64
    ])
    func filterComparisons(_ query: String, _ document: String, _ expected: [String]) throws {
        let values = try JSONPath(query).values(JSON.parse(document))
        #expect(values.map { $0.serialized() } == expected)
    }
}
