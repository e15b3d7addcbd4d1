extension JSONParser {
    /// Reads a string whose opening quote has been consumed, and its closing quote.
    ///
    /// The common case (no escapes) checks the bytes in place, eight at a time while they
    /// are plain ASCII, and makes the `String` from them in one go; the first backslash
    /// switches to `parseEscapedString`, which copies.
    mutating func parseString() throws(JSONParseError) -> String {
        let start = position
        guard let base = bytes.baseAddress else { throw expected("'\"' to end the string") }
        let end = bytes.count
        var index = start
        while true {
            // Eight bytes at a time; a word with a byte to look at stops on exactly that byte.
            while index + 8 <= end {
                let special = JSONByteScan.specialStringBytes(JSONByteScan.word(at: base + index))
                if special != 0 {
                    index += special.trailingZeroBitCount >> 3
                    break
                }
                index += 8
            }
            guard index < end else { break }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                position = index
                return try parseEscapedString(from: start)
            } else if byte >= 0x80 {
                index += try utf8SequenceLength(at: index)
            } else if byte < 0x20 {
                position = index
                throw controlCharacterError(byte)
            } else {
                index += 1
            }
        }
        position = end
        throw expected("'\"' to end the string")
    }

    /// Finishes a string that holds escapes, from its first byte `start`; `position` is at
    /// the first backslash.
    private mutating func parseEscapedString(from start: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte >= 0x80 {
                position += try utf8SequenceLength(at: position)
            } else if byte == UInt8(ascii: "\"") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                try appendEscape()
                runStart = position
            } else if byte < 0x20 {
                throw controlCharacterError(byte)
            } else {
                position += 1
            }
        }
        throw expected("'\"' to end the string")
    }

    /// Decodes the escape at `position` (a backslash) into `scratch`.
    private mutating func appendEscape() throws(JSONParseError) {
        let backslash = position
        position += 1
        guard position < bytes.count else { throw expected("an escape character after '\\'") }
        let decoded: UInt8
        switch bytes[position] {
        case UInt8(ascii: "\""): decoded = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): decoded = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): decoded = UInt8(ascii: "/")
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            position += 1
            appendUTF8(try readUnicodeEscape(backslash: backslash))
            return
        default:
            throw JSONParseError(
                offset: backslash,
                message: "invalid escape; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
        scratch.append(decoded)
        position += 1
    }

    /// Reads the four hex digits after `\u` (and a following `\uDC00`–`\uDFFF` when they
    /// are a high surrogate), rejecting lone surrogates, which no UTF-8 text can hold.
    private mutating func readUnicodeEscape(backslash: Int) throws(JSONParseError) -> UInt32 {
        let unit = try readHexQuad()
        switch unit {
        case 0xD800...0xDBFF:
            let lowStart = position
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                bytes[position + 1] == UInt8(ascii: "u")
            else {
                throw JSONParseError(
                    offset: backslash,
                    message: "lone surrogate \\u\(hex(unit, digits: 4)); expected a \\uDC00-\\uDFFF escape to follow it")
            }
            position += 2
            let low = try readHexQuad()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw JSONParseError(
                    offset: lowStart,
                    message: "expected a \\uDC00-\\uDFFF escape after the high surrogate \\u\(hex(unit, digits: 4))")
            }
            return 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
        case 0xDC00...0xDFFF:
            throw JSONParseError(
                offset: backslash,
                message: "lone surrogate \\u\(hex(unit, digits: 4)); a low surrogate must follow a \\uD800-\\uDBFF escape")
        default:
            return UInt32(unit)
        }
    }

    /// Appends the UTF-8 form of a scalar value (never a surrogate: callers check).
    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case ..<0x80:
            scratch.append(UInt8(scalar))
        case ..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    private mutating func readHexQuad() throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard position < bytes.count else { throw expected("four hex digits after \\u") }
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw expected("four hex digits after \\u")
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    /// The length of the multi-byte UTF-8 sequence at `offset`, which must be well formed
    /// (RFC 3629: shortest form, no surrogates, nothing past U+10FFFF).
    func utf8SequenceLength(at offset: Int) throws(JSONParseError) -> Int {
        let lead = bytes[offset]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default:
            throw JSONParseError(offset: offset, message: "invalid UTF-8: byte 0x\(hex(lead, digits: 2)) cannot begin a character")
        }
        guard offset + length <= bytes.count else {
            throw JSONParseError(offset: offset, message: "invalid UTF-8: the input ends inside a character")
        }
        var valid = secondRange.contains(bytes[offset + 1])
        for index in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[offset + index]) { valid = false }
        guard valid else {
            throw JSONParseError(offset: offset, message: "invalid UTF-8 sequence beginning with byte 0x\(hex(lead, digits: 2))")
        }
        return length
    }

    private func controlCharacterError(_ byte: UInt8) -> JSONParseError {
        JSONParseError(
            offset: position,
            message:
                "control character U+00\(hex(byte, digits: 2)) in a string; it must be written as an escape such as \\n or \\u00\(hex(byte, digits: 2))"
        )
    }

    func hex(_ value: some BinaryInteger, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
