/// Small text helpers shared by the date readers.
enum DateText {
    /// The text without leading and trailing white space (SEMANTICS S80, S81 trim first).
    static func trim(_ text: String) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhitespaceFast }),
            let last = scalars.lastIndex(where: { !$0.isWhitespaceFast })
        else { return "" }
        return Substring(scalars[first...last])
    }

    /// The text quoted for an error message, shortened so that a huge payload value cannot
    /// flood an error report.
    static func quote<S: StringProtocol>(_ text: S) -> String {
        let limit = 64
        if text.count <= limit { return "'\(text)'" }
        return "'\(text.prefix(limit))…'"
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// ASCII lower-casing of one byte, for case-insensitive names.
    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    /// Whether `bytes[position...]` starts with `word`, ignoring ASCII case.
    static func hasPrefix(_ bytes: [UInt8], at position: Int, caseInsensitive word: [UInt8]) -> Bool {
        guard bytes.count - position >= word.count else { return false }
        for (offset, byte) in word.enumerated() where lower(bytes[position + offset]) != lower(byte) {
            return false
        }
        return true
    }

    /// The value of exactly `count` ASCII digits at `position`, or `nil`.
    static func digits(_ bytes: [UInt8], at position: Int, count: Int) -> Int? {
        guard count > 0, bytes.count - position >= count else { return nil }
        var value = 0
        for byte in bytes[position..<position + count] {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// How many ASCII digits follow `position`.
    static func digitRun(_ bytes: [UInt8], from position: Int) -> Int {
        var end = position
        while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        return end - position
    }

    /// Milliseconds from the fraction digits `bytes[range]`: the first three, padded, the
    /// rest truncated (SEMANTICS S4 floors, never rounds).
    static func milliseconds(fraction bytes: ArraySlice<UInt8>) -> Int {
        var value = 0
        var taken = 0
        for byte in bytes.prefix(3) {
            value = value * 10 + Int(byte - 0x30)
            taken += 1
        }
        while taken < 3 {
            value *= 10
            taken += 1
        }
        return value
    }
}
