import Testing

@testable import Transforms

/// The form a number was read as, so that `.int(1)` and `.double(1.0)` (equal under S3)
/// can be told apart.
private func form(_ json: JSON) -> String {
    switch json {
    case .number(.int(let int)): "int \(int)"
    case .number(.bigInt(let text)): "bigInt \(text)"
    case .number(.double(let double)): "double \(double)"
    default: "not a number: \(json.kindName)"
    }
}

private func parseError(_ text: String, maxDepth: Int = 512) -> JSONParseError? {
    do {
        _ = try JSON.parse(text, maxDepth: maxDepth)
        return nil
    } catch {
        return error
    }
}

private func parseError(bytes: [UInt8]) -> JSONParseError? {
    do {
        _ = try JSON.parse(bytes: bytes)
        return nil
    } catch {
        return error
    }
}

@Suite struct JSONParserTests {
    @Test func scalarsAndWhitespace() throws {
        #expect(try JSON.parse("null").isNull)
        #expect(try JSON.parse(" \t\r\ntrue\n").boolValue == true)
        #expect(try JSON.parse("false").boolValue == false)
        #expect(try JSON.parse("\"x\"").stringValue == "x")
        #expect(try JSON.parse("\"\"").stringValue == "")
        #expect(try JSON.parse("[]").arrayValue?.isEmpty == true)
        #expect(try JSON.parse("{ }").objectValue?.isEmpty == true)
        #expect(try JSON.parse("\u{FEFF}[1]") == [1])  // a leading BOM is ignored (RFC 8259 §8.1)
    }

    @Test func objectsKeepKeyOrder() throws {
        let json = try JSON.parse(#"{"b":1,"a":{"z":1,"y":2},"c":3}"#)
        #expect(json.objectValue?.keys == ["b", "a", "c"])
        #expect(json.objectValue?["a"]?.objectValue?.keys == ["z", "y"])
    }

    @Test func repeatedKeyTakesLastValueAtFirstPosition() throws {
        let json = try JSON.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(json.objectValue?.keys == ["a", "b"])
        #expect(form(try #require(json.objectValue?["a"])) == "int 3")

        // Past the linear-scan size the dictionary index must give the same answer.
        let members = (0..<40).map { "\"k\($0)\":\($0)" } + ["\"k3\":\"late\"", "\"k39\":null", "\"k3\":\"later\""]
        let big = try JSON.parse("{" + members.joined(separator: ",") + "}")
        let object = try #require(big.objectValue)
        #expect(object.keys == (0..<40).map { "k\($0)" })
        #expect(object["k3"] == "later")
        #expect(object["k39"]?.isNull == true)
        #expect(object["k38"] == 38)
    }

    @Test(arguments: [
        ("1", "int 1"), ("-0", "int 0"), ("0", "int 0"), ("-12", "int -12"),
        ("1.0", "double 1.0"), ("1e3", "double 1000.0"), ("1E+2", "double 100.0"),
        ("-0.0", "double -0.0"), ("0.5", "double 0.5"), ("123.456e-2", "double 1.23456"),
        ("1000000000000000000", "int 1000000000000000000"),
        ("9223372036854775807", "int 9223372036854775807"),
        ("-9223372036854775808", "int -9223372036854775808"),
        ("9223372036854775808", "bigInt 9223372036854775808"),
        ("-9223372036854775809", "bigInt -9223372036854775809"),
        ("18446744073709551615", "bigInt 18446744073709551615"),
        ("18446744073709551616", "bigInt 18446744073709551616"),
        ("123456789012345678901234567890", "bigInt 123456789012345678901234567890"),
        ("-123456789012345678901234567890", "bigInt -123456789012345678901234567890"),
    ])
    func numbersKeepTheirForm(text: String, expected: String) throws {
        #expect(form(try JSON.parse(text)) == expected)
    }

    @Test func negativeZeroDoubleKeepsItsSign() throws {
        guard case .number(.double(let value)) = try JSON.parse("-0.0") else {
            Issue.record("-0.0 is not a double")
            return
        }
        #expect(value.sign == .minus)
    }

    /// Doubles must agree with the standard library's correctly rounded conversion, on the
    /// fast path (few digits, small exponent) and off it.
    @Test(arguments: [
        "0.1", "3.141592653589793", "1e22", "1e23", "-2.5e-3", "123456789012345.6",
        "1234567890123456.7", "0.000001", "9007199254740993.0", "2.2250738585072014e-308",
        "5e-324", "1.7976931348623157e308", "1e-400", "0e999", "4.9406564584124654e-324",
        "0.30000000000000004", "100000000000000000000000.0", "1.00000000000000000000001",
    ])
    func doublesAreCorrectlyRounded(text: String) throws {
        let expected = try #require(Double(text))
        #expect(form(try JSON.parse(text)) == "double \(expected)")
    }

    @Test func stringsDecodeEscapesAndKeepUnicode() throws {
        let json = try JSON.parse(#""q\"b\\s\/b\bf\fn\nr\rt\tu\u00e9\u20AC\ud83d\ude00\u0000!""#)
        #expect(json.stringValue == "q\"b\\s/b\u{8}f\u{C}n\nr\rt\tu\u{E9}\u{20AC}\u{1F600}\u{0}!")
        #expect(try JSON.parse("\"é€😀 ok\"").stringValue == "é€😀 ok")
        // Raw and escaped forms of the same text are the same string.
        #expect(try JSON.parse(#"["é","\u00e9"]"#) == ["é", "é"])
        // Escapes after non-ASCII and text after escapes are both kept.
        #expect(try JSON.parse(#""ü\nü\t""#).stringValue == "ü\nü\t")
    }

    @Test(arguments: [
        ("", 0, "expected a JSON value, found the end of the input"),
        ("   ", 3, "expected a JSON value, found the end of the input"),
        ("\u{FEFF}", 3, "expected a JSON value, found the end of the input"),
        ("NaN", 0, "expected a value (NaN and Infinity are not JSON)"),
        ("Infinity", 0, "expected a value (NaN and Infinity are not JSON)"),
        ("-Infinity", 1, "expected a digit after '-' (Infinity is not JSON)"),
        ("[1,]", 3, "expected a value before ']'"),
        ("[,1]", 1, "expected a value before ','"),
        (#"{"a":1,}"#, 7, "expected '\"' to begin an object key after ','"),
        ("{a:1}", 1, "expected '\"' to begin an object key, or '}'"),
        (#"{"a" 1}"#, 5, "expected ':' after an object key"),
        (#"{"a":1 "b":2}"#, 7, "expected ',' or '}' after an object member"),
        (#"{"a":1"#, 6, "expected ',' or '}' after an object member, found the end of the input"),
        (#"{"a":"#, 5, "expected a JSON value, found the end of the input"),
        ("[1 2]", 3, "expected ',' or ']' after a list element"),
        ("[", 1, "expected a JSON value, found the end of the input"),
        ("01", 1, "a number cannot have leading zeros"),
        ("-01", 2, "a number cannot have leading zeros"),
        ("-", 1, "expected a digit after '-', found the end of the input"),
        ("1.", 2, "expected a digit after the decimal point, found the end of the input"),
        ("1.e5", 2, "expected a digit after the decimal point"),
        (".5", 0, "expected a value"),
        ("+1", 0, "expected a value"),
        ("1e", 2, "expected a digit in the exponent, found the end of the input"),
        ("1e+", 3, "expected a digit in the exponent, found the end of the input"),
        ("1e400", 0, "number too large: it does not fit a 64-bit double"),
        ("[1, -1.5e999]", 4, "number too large: it does not fit a 64-bit double"),
        ("tru", 0, "expected a value (did you mean true?)"),
        ("True", 0, "expected a value"),
        ("nul", 0, "expected a value (did you mean null?)"),
        ("falsey", 5, "expected the end of the input after the JSON value"),
        ("{} x", 3, "expected the end of the input after the JSON value"),
        ("1 2", 2, "expected the end of the input after the JSON value"),
        ("'a'", 0, "expected a value (strings take double quotes)"),
        ("\"abc", 4, "expected '\"' to end the string, found the end of the input"),
        ("\"a\nb\"", 2, "control character U+000A in a string; it must be written as an escape such as \\n or \\u000A"),
        ("\"\t\"", 1, "control character U+0009 in a string; it must be written as an escape such as \\n or \\u0009"),
        (#""\x""#, 1, #"invalid escape; expected one of \" \\ \/ \b \f \n \r \t \uXXXX"#),
        (#""\'""#, 1, #"invalid escape; expected one of \" \\ \/ \b \f \n \r \t \uXXXX"#),
        ("\"\\", 2, "expected an escape character after '\\', found the end of the input"),
        (#""\u12G4""#, 5, #"expected four hex digits after \u"#),
        (#""\u12""#, 5, #"expected four hex digits after \u"#),
        (#""ok\ud800""#, 3, #"lone surrogate \uD800; expected a \uDC00-\uDFFF escape to follow it"#),
        (#""\udc00x""#, 1, #"lone surrogate \uDC00; a low surrogate must follow a \uD800-\uDBFF escape"#),
        (#""\ud800\u0041""#, 7, #"expected a \uDC00-\uDFFF escape after the high surrogate \uD800"#),
        (#""\ud800\n""#, 1, #"lone surrogate \uD800; expected a \uDC00-\uDFFF escape to follow it"#),
    ])
    func badInputReportsOffsetAndExpectation(text: String, offset: Int, message: String) {
        let error = parseError(text)
        #expect(error?.offset == offset)
        #expect(error?.message == message)
    }

    @Test func errorDescriptionNamesTheByte() {
        let error = parseError(#"{"alert":"disk full" "x"}"#)
        #expect(error?.description == "byte 21: expected ',' or '}' after an object member")
    }

    @Test(
        arguments: [
            ([0x22, 0xFF, 0x22], 1, "invalid UTF-8: byte 0xFF cannot begin a character"),
            ([0x22, 0x80, 0x22], 1, "invalid UTF-8: byte 0x80 cannot begin a character"),
            ([0x22, 0x61, 0xC3, 0x22], 2, "invalid UTF-8 sequence beginning with byte 0xC3"),
            ([0x22, 0xC0, 0xAF, 0x22], 1, "invalid UTF-8: byte 0xC0 cannot begin a character"),  // overlong '/'
            ([0x22, 0xE0, 0x80, 0xAF, 0x22], 1, "invalid UTF-8 sequence beginning with byte 0xE0"),  // overlong
            ([0x22, 0xED, 0xA0, 0x80, 0x22], 1, "invalid UTF-8 sequence beginning with byte 0xED"),  // surrogate
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1, "invalid UTF-8 sequence beginning with byte 0xF4"),  // > U+10FFFF
            ([0x22, 0xF0, 0x9F, 0x98, 0x22], 1, "invalid UTF-8 sequence beginning with byte 0xF0"),  // truncated
            ([0x22, 0xE2, 0x82], 1, "invalid UTF-8: the input ends inside a character"),
            ([0x22, 0x5C, 0x6E, 0xFE, 0x22], 3, "invalid UTF-8: byte 0xFE cannot begin a character"),  // after an escape
            ([0x5B, 0xFF, 0x5D], 1, "invalid UTF-8: byte 0xFF cannot begin a character"),  // outside a string
            ([0x31, 0xC3, 0xA9], 1, "expected the end of the input after the JSON value"),  // valid but not JSON
            ([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D], 2, "invalid UTF-8 sequence beginning with byte 0xC3"),  // in a key
        ] as [([UInt8], Int, String)])
    func invalidUTF8IsRejected(bytes: [UInt8], offset: Int, message: String) {
        let error = parseError(bytes: bytes)
        #expect(error?.offset == offset)
        #expect(error?.message == message)
    }

    @Test func validMultiByteUTF8IsAccepted() throws {
        let bytes: [UInt8] = [0x22, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0xF4, 0x8F, 0xBF, 0xBF, 0x22]
        #expect(try JSON.parse(bytes: bytes).stringValue == "é€😀\u{10FFFF}")
    }

    @Test func nestingBeyondTheLimitIsAnError() throws {
        #expect(try JSON.parse("[[[1]]]", maxDepth: 3) == [[[1]]])
        let error = parseError("[[[[1]]]]", maxDepth: 3)
        #expect(error?.offset == 3)
        #expect(error?.message == "lists and objects nested deeper than the limit of 3 levels")
        #expect(parseError(#"{"a":{"a":{}}}"#, maxDepth: 2)?.offset == 10)
        #expect(parseError("[]", maxDepth: 0)?.offset == 0)
        #expect(try JSON.parse("1", maxDepth: 0) == 1)

        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try JSON.parse(deepest).arrayValue != nil)
        let tooDeep = "[" + deepest + "]"
        let defaultError = parseError(tooDeep)
        #expect(defaultError?.offset == 512)
        #expect(defaultError?.message.contains("limit of 512 levels") == true)
    }

    @Test func byteCollectionsOfEveryShapeParse() throws {
        let text = #"xx{"a":[1,"é"]}yy"#
        let slice = Array(text.utf8)[2..<(text.utf8.count - 2)]
        let expected: JSON = ["a": [1, "é"]]
        #expect(try JSON.parse(bytes: slice) == expected)
        #expect(try JSON.parse(bytes: slice.lazy.map { $0 }) == expected)  // not contiguous
        #expect(try JSON.parse(bytes: Substring(text).dropFirst(2).dropLast(2).utf8) == expected)
        // Offsets count from the start of the collection, not of its base.
        let badSlice = Array("xx[1,]".utf8)[2...]
        #expect(throws: JSONParseError(offset: 3, message: "expected a value before ']'")) {
            try JSON.parse(bytes: badSlice)
        }
    }

    @Test func canonicalTextRoundTripsExactly() throws {
        let documents = [
            #"{"b":[1,2.5,-0.0,1e+16,1e-07,true,false,null],"a":{"x":"y\n\"q\"\\/é😀\u0001"},"n":123456789012345678901234567890}"#,
            #"[]"#, #"{}"#, #"[[],{},[{}]]"#, #""plain""#, "-9223372036854775808", "18446744073709551616",
            #"{"z":{"y":{"x":[0.1,100.0,1e+300,5e-324]}},"a":""}"#,
        ]
        for document in documents {
            let parsed = try JSON.parse(document)
            #expect(parsed.serialized() == document)
            let reparsed = try JSON.parse(parsed.serialized())
            #expect(reparsed == parsed)
            #expect(reparsed.serialized() == document)
        }
    }

    @Test func nonCanonicalTextSerializesCanonically() throws {
        let parsed = try JSON.parse(#" { "a" : [ 1 , 2E0 , -0 ] , "b" : "\/\u00e9\u001F" , "a" : 3 } "#)
        #expect(parsed.serialized() == #"{"a":3,"b":"/é\u001f"}"#)
        let numbers = try JSON.parse("[1E2, 0.50, 1e-7, 12.0e1]")
        #expect(numbers.serialized() == "[100.0,0.5,1e-07,120.0]")
    }

    /// The string scanner reads eight bytes at a time; a special byte must be found at
    /// every position relative to those words, and near the end of the input.
    @Test func specialBytesAreFoundAtEveryPosition() {
        for prefix in 0..<20 {
            let plain = String(repeating: "a", count: prefix)
            let control = parseError("\"" + plain + "\nbbbbb\"")
            #expect(control?.offset == prefix + 1)
            #expect(control?.message.hasPrefix("control character U+000A") == true)

            let invalid = parseError(bytes: [0x22] + Array(plain.utf8) + [0xFF, 0x62, 0x62, 0x22])
            #expect(invalid?.offset == prefix + 1)

            let unterminated = parseError("\"" + plain)
            #expect(unterminated?.offset == prefix + 1)
            #expect(unterminated?.message == "expected '\"' to end the string, found the end of the input")

            let escaped = "\"" + plain + #"\t"# + plain + "\""
            #expect((try? JSON.parse(escaped))?.stringValue == plain + "\t" + plain)
        }
    }
}
