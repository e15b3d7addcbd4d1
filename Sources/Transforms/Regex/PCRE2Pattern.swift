import CPCRE2

/// A compiled PCRE2 pattern (SEMANTICS S34), shared by every thread that maps payloads.
///
/// Compiled once when a mapper loads. The compiled code and the match context are never
/// modified after `init`, which PCRE2 documents as safe to share between threads; every call
/// creates its own match data (and JIT stack, when one is needed), hence `@unchecked Sendable`.
/// Patterns are always compiled with `PCRE2_UTF | PCRE2_UCP`, so offsets are UTF-8 byte offsets
/// that fall on character boundaries and `\w`, `\d`, `\b` are Unicode-aware. `\C` (one code
/// unit) is refused, since it could split a character.
public final class PCRE2Pattern: @unchecked Sendable {
    /// The pattern text as written.
    public let pattern: String
    /// The options it was compiled with.
    public let options: RegexOptions
    /// The limits every match of this pattern runs under.
    public let limits: RegexLimits
    /// Number of capture groups (not counting group 0, the whole match).
    public let captureCount: Int
    /// Named groups in pattern order (by group number).
    public let namedGroups: [(number: Int, name: String)]

    /// The pattern as written, for searches.
    let code: OpaquePointer
    /// The same pattern compiled with `PCRE2_ANCHORED | PCRE2_ENDANCHORED`, for
    /// `matchesEntirely`: as compile options the JIT supports them, whereas at match time they
    /// would send every whole-string match to the slower interpreter.
    let anchoredCode: OpaquePointer
    let matchContext: OpaquePointer
    /// Whether `pcre2_jit_compile_8` succeeded; PCRE2 then uses JIT for unanchored matches.
    let isJITCompiled: Bool
    /// Whether CR LF counts as one newline, so an empty match never advances into its middle.
    let crlfIsNewline: Bool
    /// Group numbers for each name, ascending (several only with `(?J)` or `(?|…)`).
    let groupNumbersByName: [String: [Int]]

    /// Compiles `pattern`.
    ///
    /// Compiling costs some 20–40 µs per pattern on this project's machines (twice: searching
    /// and anchored), paid once when a mapper loads.
    ///
    /// - Parameters:
    ///   - options: the mapper's `flags`.
    ///   - limits: how much work a match may do; see `RegexLimits` for why the defaults.
    /// - Throws: `RegexError` of kind `.compile(offset:)` with PCRE2's message, such as
    ///   `invalid pattern at byte 3: missing closing parenthesis`.
    public convenience init(_ pattern: String, options: RegexOptions = [], limits: RegexLimits = .standard) throws(RegexError) {
        try self.init(pattern, options: options, limits: limits, allowJIT: true)
    }

    /// Compiles `pattern`, with the JIT only if `allowJIT` (tests use `false` to exercise the
    /// interpreter, which is what runs where PCRE2 has no JIT).
    init(_ pattern: String, options: RegexOptions, limits: RegexLimits, allowJIT: Bool) throws(RegexError) {
        let compileOptions =
            UInt32(PCRE2_UTF) | UInt32(PCRE2_UCP) | UInt32(PCRE2_NEVER_BACKSLASH_C)
            | options.pcre2CompileOptions
        let searching = try Self.compile(pattern, options: compileOptions)
        let anchored: OpaquePointer
        do {
            anchored = try Self.compile(pattern, options: compileOptions | UInt32(PCRE2_ANCHORED) | UInt32(PCRE2_ENDANCHORED))
        } catch {
            pcre2_code_free_8(searching)
            throw error
        }
        guard let context = pcre2_match_context_create_8(nil) else {
            pcre2_code_free_8(searching)
            pcre2_code_free_8(anchored)
            throw RegexError(pcre2Code: PCRE2_ERROR_NOMEMORY)
        }
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)

        self.pattern = pattern
        self.options = options
        self.limits = limits
        self.code = searching
        self.anchoredCode = anchored
        self.matchContext = context
        // JIT is an accelerator only: a pattern the JIT refuses still matches, interpreted.
        let jitOptions = UInt32(PCRE2_JIT_COMPLETE)
        self.isJITCompiled = allowJIT && pcre2_jit_compile_8(searching, jitOptions) == 0
        if allowJIT { _ = pcre2_jit_compile_8(anchored, jitOptions) }
        self.captureCount = Int(Self.info(searching, PCRE2_INFO_CAPTURECOUNT))
        let newline = Self.info(searching, PCRE2_INFO_NEWLINE)
        self.crlfIsNewline =
            newline == UInt32(PCRE2_NEWLINE_CRLF) || newline == UInt32(PCRE2_NEWLINE_ANY)
            || newline == UInt32(PCRE2_NEWLINE_ANYCRLF)
        let names = Self.readNameTable(searching)
        self.namedGroups = names
        self.groupNumbersByName = Dictionary(names.map { ($0.name, [$0.number]) }, uniquingKeysWith: +)
    }

    deinit {
        pcre2_match_context_free_8(matchContext)
        pcre2_code_free_8(anchoredCode)
        pcre2_code_free_8(code)
    }

    /// One `pcre2_compile_8` call; the pattern is passed with its byte length, not NUL-ended,
    /// so a pattern containing U+0000 is compiled whole.
    private static func compile(_ pattern: String, options: UInt32) throws(RegexError) -> OpaquePointer {
        var errorCode: Int32 = 0
        var errorOffset = 0
        var utf8 = Array(pattern.utf8)
        utf8.append(0)
        let compiled = utf8.withUnsafeBufferPointer { bytes in
            pcre2_compile_8(bytes.baseAddress, bytes.count - 1, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw RegexError(kind: .compile(offset: errorOffset), message: RegexError.pcre2Message(errorCode))
        }
        return compiled
    }

    /// The number of the group called `name` (the lowest, if several share it), or `nil`.
    public func number(ofGroup name: String) -> Int? {
        groupNumbersByName[name]?.first
    }

    /// A `UInt32` item of `pcre2_pattern_info_8`.
    static func info(_ code: OpaquePointer, _ what: Int32) -> UInt32 {
        var value: UInt32 = 0
        _ = pcre2_pattern_info_8(code, UInt32(what), &value)
        return value
    }
}
