/// String, integer and number literals, exactly as RFC 9535's ABNF spells them.
extension JSONPathParser {
    /// The largest magnitude of an index or slice bound (RFC 9535 §2.1: the I-JSON exact integers).
    static let maxExactInteger = 9_007_199_254_740_991

    /// A quoted string in either quote style, with its escapes decoded (RFC 9535 §2.3.1.1).
    mutating func parseStringLiteral() throws(JSONPathError) -> String {
        let open = position
        let quote = bytes[position]
        position += 1
        var utf8: [UInt8] = []
        while true {
            guard let byte = peek else { throw error("unclosed string; expected a closing \(quote == 0x27 ? "'" : "\"")", at: open) }
            if byte == quote {
                position += 1
                return String(decoding: utf8, as: UTF8.self)
            }
            if byte < 0x20 {
                throw error("a control character (U+\(hex4(UInt32(byte)))) must be escaped in a string")
            }
            if byte != UInt8(ascii: "\\") {
                utf8.append(byte)
                position += 1
                continue
            }
            let scalar = try parseEscape(quote: quote)
            utf8.append(contentsOf: String(scalar).utf8)
        }
    }

    /// One escape after `\`: the short forms, the string's own quote, or `\uXXXX` (with a
    /// surrogate pair for a scalar beyond the BMP).
    private mutating func parseEscape(quote: UInt8) throws(JSONPathError) -> Unicode.Scalar {
        let backslash = position
        position += 1
        guard let byte = peek else { throw error("unclosed string after '\\'") }
        position += 1
        switch byte {
        case UInt8(ascii: "b"): return "\u{8}"
        case UInt8(ascii: "f"): return "\u{C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "\\"): return "\\"
        case quote: return Unicode.Scalar(quote)
        case UInt8(ascii: "u"):
            let high = try parseHex4()
            if (0xDC00...0xDFFF).contains(high) {
                throw error("\\u\(hex4(high)) is a lone low surrogate", at: backslash)
            }
            guard (0xD800...0xDBFF).contains(high) else {
                return Unicode.Scalar(high) ?? "\u{FFFD}"  // not a surrogate: always a scalar
            }
            guard peek == UInt8(ascii: "\\"), peek(at: 1) == UInt8(ascii: "u") else {
                throw error("\\u\(hex4(high)) is a high surrogate that must be followed by a \\u low surrogate", at: backslash)
            }
            position += 2
            let low = try parseHex4()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error("\\u\(hex4(high)) must be followed by a low surrogate (\\uDC00-\\uDFFF)", at: backslash)
            }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
        default:
            position -= 1
            throw error("invalid escape '\\\(describeRaw(byte))' in a string", at: backslash)
        }
    }

    private mutating func parseHex4() throws(JSONPathError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek, let digit = Self.hexValue(byte) else {
                throw error("expected four hex digits after '\\u'")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private func hex4(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private func describeRaw(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(Character(Unicode.Scalar(byte))) : "U+\(hex4(UInt32(byte)))"
    }

    /// `int = "0" / (["-"] DIGIT1 *DIGIT)` within ±(2^53-1): an index or a slice bound.
    mutating func parseIndexInteger() throws(JSONPathError) -> Int {
        let start = position
        try scanInteger(allowNegativeZero: false)
        guard let value = Int(String(decoding: bytes[start..<position], as: UTF8.self)),
            abs(value) <= Self.maxExactInteger
        else {
            throw error("\(String(decoding: bytes[start..<position], as: UTF8.self)) is out of range: indexes are limited to ±(2^53-1)", at: start)
        }
        return value
    }

    /// Scans `["-"] int`, rejecting leading zeros (and `-0` unless allowed, as it is for
    /// number literals).
    private mutating func scanInteger(allowNegativeZero: Bool) throws(JSONPathError) {
        let start = position
        if peek == UInt8(ascii: "-") { position += 1 }
        guard let first = peek, Self.isDigit(first) else {
            throw error("expected a digit\(position > start ? " after '-'" : "")")
        }
        position += 1
        if first == UInt8(ascii: "0") {
            if let next = peek, Self.isDigit(next) { throw error("a number must not have leading zeros", at: start) }
            if position - start == 2, !allowNegativeZero { throw error("-0 is not a valid index", at: start) }
            return
        }
        while let byte = peek, Self.isDigit(byte) { position += 1 }
    }

    /// `number = (int / "-0") [ frac ] [ exp ]`, as an integer when it is one (kept exactly
    /// beyond 64 bits, as JSON text is: SEMANTICS S2, S3).
    mutating func parseNumberLiteral() throws(JSONPathError) -> JSON {
        let start = position
        try scanInteger(allowNegativeZero: true)
        var isInteger = true
        if peek == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard let byte = peek, Self.isDigit(byte) else { throw error("expected a digit after '.' in a number") }
            while let byte = peek, Self.isDigit(byte) { position += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
            guard let byte = peek, Self.isDigit(byte) else { throw error("expected a digit in the exponent of a number") }
            while let byte = peek, Self.isDigit(byte) { position += 1 }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isInteger {
            // scanInteger rejected leading zeros, so the text is canonical; "-0" fits an Int.
            return .number(Int(text).map(JSONNumber.int) ?? .bigInt(text))
        }
        guard let double = Double(text) else { throw error("\(text) is not a number", at: start) }
        return .number(.double(double))
    }
}
