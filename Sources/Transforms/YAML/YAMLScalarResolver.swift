/// The YAML 1.2 core schema for plain scalars (SEMANTICS S5).
///
/// Written out by hand rather than left to a YAML library because the schema is part of
/// Intake's contract: `yes`, `no`, `on`, `2026-01-01` and `12:30` must stay strings (YAML 1.1
/// would make booleans, dates and sexagesimal numbers of them), and integers must keep the
/// integer / non-integer distinction of `JSONNumber` (S2).
enum YAMLScalarResolver {
    /// The value of a plain scalar.
    static func resolve(plain text: String) -> JSON {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(.double(.infinity))
        case "-.inf", "-.Inf", "-.INF": return .number(.double(-.infinity))
        case ".nan", ".NaN", ".NAN": return .number(.double(.nan))
        default: break
        }
        let bytes = Array(text.utf8)
        if let number = integer(bytes) { return .number(number) }
        if isFloat(bytes), let double = Double(normalizedFloat(text)) { return .number(.double(double)) }
        return .string(text)
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`, as `.int` or, beyond 64 bits, `.bigInt`.
    private static func integer(_ bytes: [UInt8]) -> JSONNumber? {
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            let digits = bytes[2...]
            if bytes[1] == UInt8(ascii: "x"), digits.allSatisfy(isHexDigit) {
                return radixInteger(digits, radix: 16)
            }
            if bytes[1] == UInt8(ascii: "o"), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x37 }) {
                return radixInteger(digits, radix: 8)
            }
        }
        var digits = bytes[...]
        var negative = false
        if let first = digits.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        if let int = Int(text) { return .int(int) }
        // Too large for 64 bits: keep the canonical decimal text (no `+`, no leading zeros).
        let magnitude = String(decoding: digits.drop(while: { $0 == UInt8(ascii: "0") }), as: UTF8.self)
        return .bigInt(negative ? "-" + magnitude : magnitude)
    }

    /// Hex or octal digits as an integer, converted to decimal text when beyond 64 bits.
    private static func radixInteger(_ digits: ArraySlice<UInt8>, radix: Int) -> JSONNumber {
        if let int = Int(String(decoding: digits, as: UTF8.self), radix: radix) { return .int(int) }
        return .bigInt(BigDecimalText.fromDigits(digits, radix: radix))
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    static func isFloat(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func skipDigits() -> Int {
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard skipDigits() > 0 else { return false }
        } else {
            guard skipDigits() > 0 else { return false }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                _ = skipDigits()
            }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            guard skipDigits() > 0 else { return false }
        }
        return index == bytes.count
    }

    /// A float text in a form `Double.init` reads for sure: `1.` and `1.e3` get a `0` after the point.
    private static func normalizedFloat(_ text: String) -> String {
        guard let dot = text.firstIndex(of: ".") else { return text }
        let next = text.index(after: dot)
        if next == text.endIndex || !text[next].isASCII || !(text[next].isNumber) {
            return text[..<next] + "0" + text[next...]
        }
        return text
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }
}
