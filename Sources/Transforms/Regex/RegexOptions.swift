import CPCRE2

/// The pattern options a mapper can ask for with `flags` (SEMANTICS S34).
///
/// Only the four letters of S34 exist: UTF and Unicode properties are always on and are not
/// options, so every pattern sees the payload the same way.
public struct RegexOptions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `i`: letters match in either case (Unicode case folding).
    public static let caseless = RegexOptions(rawValue: 1 << 0)
    /// `m`: `^` and `$` also match at line starts and ends.
    public static let multiline = RegexOptions(rawValue: 1 << 1)
    /// `s`: `.` also matches a newline.
    public static let dotAll = RegexOptions(rawValue: 1 << 2)
    /// `x`: white space and `#` comments in the pattern are ignored.
    public static let extended = RegexOptions(rawValue: 1 << 3)

    /// Parses a mapper's `flags` string, such as `"im"`.
    ///
    /// Letters may come in any order and repeat; the empty string is no options. Anything else
    /// is refused rather than ignored, because a silently dropped `g` or `u` would make the
    /// mapper author believe a behaviour they do not get.
    ///
    /// - Throws: `RegexError` of kind `.invalidFlags` naming the first unknown letter.
    public init(flags: String) throws(RegexError) {
        self = []
        for (offset, letter) in flags.enumerated() {
            switch letter {
            case "i": insert(.caseless)
            case "m": insert(.multiline)
            case "s": insert(.dotAll)
            case "x": insert(.extended)
            default:
                throw RegexError(
                    kind: .invalidFlags,
                    message: "invalid regex flags \"\(flags)\": unknown flag \"\(letter)\" at position \(offset); "
                        + "flags are i (caseless), m (multiline), s (dot-all) and x (extended)"
                )
            }
        }
    }

    /// The PCRE2 compile options for these flags.
    var pcre2CompileOptions: UInt32 {
        var bits: UInt32 = 0
        if contains(.caseless) { bits |= UInt32(PCRE2_CASELESS) }
        if contains(.multiline) { bits |= UInt32(PCRE2_MULTILINE) }
        if contains(.dotAll) { bits |= UInt32(PCRE2_DOTALL) }
        if contains(.extended) { bits |= UInt32(PCRE2_EXTENDED) }
        return bits
    }
}
