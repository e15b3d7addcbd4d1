/// Word-at-a-time tests that let the parser and the writer skip plain runs of string bytes
/// eight at a time (SWAR: SIMD within a register).
///
/// Each returns the high bit of every byte of `word` (loaded little endian) that needs a
/// closer look. The lowest bit set is exact; bits above it may be spurious, because a
/// borrow carries upward, which is harmless as both callers stop at the first.
enum JSONByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Loads eight bytes from `pointer`, whatever its alignment, in little-endian order.
    @inline(__always)
    static func word(at pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// Bytes a JSON writer must escape: `"`, `\` and control characters (not non-ASCII).
    @inline(__always)
    static func escapedBytes(_ word: UInt64) -> UInt64 {
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let zeroInQuotes = (quotes &- ones) & ~quotes
        let zeroInBackslashes = (backslashes &- ones) & ~backslashes
        let belowSpace = (word &- ones &* 0x20) & ~word
        return (zeroInQuotes | zeroInBackslashes | belowSpace) & highBits
    }

    /// Bytes a JSON reader must look at inside a string: those above, plus non-ASCII bytes,
    /// which need UTF-8 validation.
    @inline(__always)
    static func specialStringBytes(_ word: UInt64) -> UInt64 {
        escapedBytes(word) | (word & highBits)
    }
}
