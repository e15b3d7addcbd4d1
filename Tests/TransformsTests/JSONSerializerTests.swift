import Testing

@testable import Transforms

@Suite struct JSONSerializerTests {
    @Test func stringsEscapeOnlyQuotesBackslashesAndControls() {
        let json = JSON.string("q\"b\\s/é😀\u{0}\u{8}\u{C}\n\r\t\u{1}\u{1F}\u{7F}")
        #expect(json.serialized() == #""q\"b\\s/é😀\u0000\b\f\n\r\t\u0001\u001f\#u{7F}""#)
        #expect(JSON.string("").serialized() == #""""#)
    }

    @Test(arguments: [
        (JSONNumber.int(0), "0"), (.int(-42), "-42"), (.int(Int.max), "9223372036854775807"),
        (.int(Int.min), "-9223372036854775808"),
        (.bigInt("-123456789012345678901234567890"), "-123456789012345678901234567890"),
        (.double(2.5), "2.5"), (.double(1.0), "1.0"), (.double(1e16), "1e+16"), (.double(1e-7), "1e-07"),
        (.double(100.0), "100.0"), (.double(1e300), "1e+300"), (.double(-0.0), "-0.0"),
        (.double(0.1), "0.1"), (.double(123456789.125), "123456789.125"),
        (.double(.infinity), "null"), (.double(-.infinity), "null"), (.double(.nan), "null"),
    ])
    func numbersPrintPerS2(number: JSONNumber, text: String) {
        #expect(number.jsonText == text)
        #expect(JSON.number(number).serialized() == text)
        #expect(JSON.number(number).text == text)
    }

    @Test func integersWrittenDigitByDigitMatchTheirDecimalText() {
        for value in [1, 9, 10, 99, 100, 65_536, -1, -10, 1_000_000_007, Int.max - 1, Int.min + 1] {
            #expect(JSON.number(.int(value)).serialized() == String(value))
        }
    }

    @Test func instantsPrintAsRFC3339Strings() {
        let instant = JSON.instant(Instant(millisecondsSinceEpoch: 1_795_874_592_500))
        #expect(instant.serialized() == #""2026-11-28T14:03:12.500Z""#)
        #expect(JSON.array([instant]).serialized() == #"["2026-11-28T14:03:12.500Z"]"#)
    }

    @Test func compactKeepsPayloadOrder() {
        let json = JSON.object(JSONObject([("b", 1), ("a", ["x": nil, "w": [true, false]]), ("c", "s")]))
        #expect(json.serialized() == #"{"b":1,"a":{"x":null,"w":[true,false]},"c":"s"}"#)
    }

    @Test func sortedKeysUseCodePointOrderAtEveryLevel() {
        // U+212B (Angstrom sign) normalizes to U+00C5, which `String <` would put before
        // U+00C6; code point order puts it after. U+FFFD precedes U+1F600 by code point
        // (not by UTF-16 units).
        let inner = JSONObject([("b", 1), ("a", 2)])
        let object = JSONObject([
            ("é", 1), ("\u{212B}", 2), ("\u{C6}", 3), ("b", .object(inner)), ("Z", 5), ("aa", 6), ("a", 7),
            ("\u{1F600}", 8), ("\u{FFFD}", 9),
        ])
        let sorted = JSON.object(object).serialized(sortedKeys: true)
        #expect(sorted == #"{"Z":5,"a":7,"aa":6,"b":{"a":2,"b":1},"Æ":3,"é":1,"Å":2,"�":9,"😀":8}"#)
        #expect(object.sortedByKey().keys == ["Z", "a", "aa", "b", "\u{C6}", "é", "\u{212B}", "\u{FFFD}", "\u{1F600}"])
        // sortedByKey orders one level only, as S120 wants for incident `fields`.
        #expect(object.sortedByKey()["b"]?.objectValue?.keys == ["b", "a"])
    }

    @Test func prettyFormatIsTwoSpaceIndented() {
        let json = JSON.object(
            JSONObject([
                ("name", "disk \"full\""),
                ("tags", ["a", 1, 2.5, nil]),
                ("empty", .array([])),
                ("none", .object(JSONObject())),
                ("nested", .object(JSONObject([("z", true), ("y", [[]])]))),
            ]))
        let expected = """
            {
              "name": "disk \\"full\\"",
              "tags": [
                "a",
                1,
                2.5,
                null
              ],
              "empty": [],
              "none": {},
              "nested": {
                "z": true,
                "y": [
                  []
                ]
              }
            }
            """
        #expect(json.prettySerialized() == expected)
        #expect(JSON.array([]).prettySerialized() == "[]")
        #expect(JSON.string("a/b").prettySerialized() == #""a/b""#)
    }

    @Test func prettySortedKeys() {
        let json = JSON.object(JSONObject([("b", 1), ("a", .object(JSONObject([("d", 1), ("c", 2)])))]))
        let expected = """
            {
              "a": {
                "c": 2,
                "d": 1
              },
              "b": 1
            }
            """
        #expect(json.prettySerialized(sortedKeys: true) == expected)
    }

    @Test func prettyTextParsesBackToTheSameValue() throws {
        let source = #"{"b":[1,{"x":"\u0007é"}],"a":{},"c":[-0.0,1e+16,12345678901234567890]}"#
        let parsed = try JSON.parse(source)
        let reparsed = try JSON.parse(parsed.prettySerialized())
        #expect(reparsed.serialized() == source)
    }

    @Test func textOfEachKindFollowsS12() {
        #expect(JSON.null.text == "")
        #expect(JSON.string("a \"b\" /é").text == "a \"b\" /é")
        #expect(JSON.bool(true).text == "true")
        #expect(JSON.bool(false).text == "false")
        #expect(JSON.number(.int(42)).text == "42")
        #expect(JSON.number(.bigInt("18446744073709551616")).text == "18446744073709551616")
        #expect(JSON.number(.double(2.5)).text == "2.5")
        #expect(JSON.number(.double(1.0)).text == "1.0")
        #expect(JSON.instant(Instant(millisecondsSinceEpoch: 1_795_874_592_000)).text == "2026-11-28T14:03:12Z")
        #expect(JSON.array([1, "a", nil, ["k": "v"]]).text == #"[1,"a",null,{"k":"v"}]"#)
        #expect(JSON.object(JSONObject([("b", 1), ("a", [true])])).text == #"{"b":1,"a":[true]}"#)
    }

    /// Escapes every special character at every position of strings around the writer's
    /// eight-byte words, checked against a character-by-character reference, and reads the
    /// result back.
    @Test func escapingMatchesAReferenceAtEveryPosition() throws {
        let specials = ["\"", "\\", "\n", "\u{1}", "\u{1F}", "\u{8}", "é", "😀", "/", "\u{7F}", "a"]
        for length in 1..<20 {
            for position in 0..<length {
                for special in specials {
                    let text =
                        String(repeating: "x", count: position) + special
                        + String(repeating: "y", count: length - position - 1)
                    let json = JSON.string(text).serialized()
                    #expect(json == referenceEscaped(text))
                    #expect(try JSON.parse(json).stringValue == text)
                }
            }
        }
    }

    /// A deliberately simple escaper, one scalar at a time, as the oracle for the fast one.
    private func referenceEscaped(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\u{8}": result += "\\b"
            case "\u{C}": result += "\\f"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
