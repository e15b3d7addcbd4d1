import CPCRE2

/// A regex problem: a pattern that does not compile, bad flags or replacement text, or a match
/// the engine gave up on.
///
/// Compile, flag and replacement errors are mapper errors found at load time; the limit kinds
/// happen at run time, and SEMANTICS S34 quarantines the payload for them.
public struct RegexError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, with the position when there is one.
    public enum Kind: Sendable, Equatable {
        /// The pattern does not compile; `offset` is a UTF-8 byte offset into the pattern.
        case compile(offset: Int)
        /// The match took more backtracking steps than `RegexLimits.matchLimit`.
        case matchLimit
        /// The match nested deeper than `RegexLimits.depthLimit` (or ran out of JIT stack or
        /// backtracking memory, which grow with the same depth).
        case depthLimit
        /// A `flags` string with a letter other than `i`, `m`, `s`, `x`.
        case invalidFlags
        /// A replacement template that is malformed or names a group the pattern lacks.
        case badReplacement
        /// Any other PCRE2 error, with its (negative) PCRE2 error code.
        case other(code: Int32)
    }

    public var kind: Kind
    /// The detail, without the position prefix that `description` adds for compile errors.
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String {
        switch kind {
        case .compile(let offset): "invalid pattern at byte \(offset): \(message)"
        default: message
        }
    }

    /// The error PCRE2 reports for `code`, mapped onto a `Kind` a caller can act on.
    init(pcre2Code code: Int32) {
        switch code {
        case PCRE2_ERROR_MATCHLIMIT:
            self.init(kind: .matchLimit, message: "regex exceeded its match limit (catastrophic backtracking?)")
        case PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_JIT_STACKLIMIT:
            self.init(kind: .depthLimit, message: "regex exceeded its depth limit (deeply nested backtracking?)")
        case PCRE2_ERROR_HEAPLIMIT:
            self.init(kind: .depthLimit, message: "regex exceeded its backtracking memory limit")
        default:
            self.init(kind: .other(code: code), message: "regex error: \(Self.pcre2Message(code))")
        }
    }

    /// PCRE2's own English text for an error code (compile or match).
    static func pcre2Message(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(code, $0.baseAddress, $0.count) }
        guard length >= 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer[..<Int(length)], as: UTF8.self)
    }
}
