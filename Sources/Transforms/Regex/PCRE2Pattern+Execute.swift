import CPCRE2

/// A subject's UTF-8 bytes, valid only inside `PCRE2Pattern.withSubject`.
///
/// PCRE2's match data keeps offsets into the subject, so the match and every substring taken
/// from it must happen while this pointer is alive (BUILD-NOTES, "PCRE2 from Swift").
struct SubjectBytes {
    let base: UnsafePointer<UInt8>
    let count: Int

    subscript(offset: Int) -> UInt8 { base[offset] }

    /// The text between two byte offsets, which PCRE2 in UTF mode puts on character boundaries.
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
    }
}

/// One call's PCRE2 match data: offsets of the last successful match.
///
/// Created per call rather than stored on the pattern, because match data is written by every
/// match and so cannot be shared between threads.
final class MatchScratch {
    let data: OpaquePointer
    let ovector: UnsafeMutablePointer<Int>

    init(for pattern: PCRE2Pattern) throws(RegexError) {
        guard let data = pcre2_match_data_create_from_pattern_8(pattern.code, nil) else {
            throw RegexError(pcre2Code: PCRE2_ERROR_NOMEMORY)
        }
        self.data = data
        self.ovector = pcre2_get_ovector_pointer_8(data)
    }

    deinit { pcre2_match_data_free_8(data) }

    /// The byte range of group `number`, or `nil` when it did not take part.
    func range(ofGroup number: Int) -> Range<Int>? {
        let start = ovector[2 * number]
        let end = ovector[2 * number + 1]
        guard start != Self.unset, end != Self.unset, start <= end else { return nil }
        return start..<end
    }

    static let unset = intake_pcre2_unset()
}

extension PCRE2Pattern {
    /// Runs `body` over the UTF-8 bytes of `subject`, with typed errors.
    ///
    /// Swift strings are always valid UTF-8, which is why matches pass `PCRE2_NO_UTF_CHECK`
    /// (otherwise every call of a global search would re-validate the subject).
    func withSubject<T>(_ subject: String, _ body: (SubjectBytes) throws(RegexError) -> T) throws(RegexError) -> T {
        var subject = subject
        let result: Result<T, RegexError> = subject.withUTF8 { buffer in
            if let base = buffer.baseAddress {
                return Result { () throws(RegexError) -> T in try body(SubjectBytes(base: base, count: buffer.count)) }
            }
            // An empty string may have no storage; PCRE2 still wants a non-null pointer.
            var zero: UInt8 = 0
            return withUnsafePointer(to: &zero) { base in
                Result { () throws(RegexError) -> T in try body(SubjectBytes(base: base, count: 0)) }
            }
        }
        return try result.get()
    }

    /// One `pcre2_match_8` call from byte `start`; `true` on a match (offsets in `scratch`).
    ///
    /// JIT first, on PCRE2's 32 KiB machine-stack area. If that stack overflows (long subjects
    /// with a group repeated per byte), the match is run again on a private JIT stack of up to
    /// `limits.jitStackBytes`, created for this call only because a JIT stack cannot be shared
    /// between threads. `PCRE2_ANCHORED` as a match option makes PCRE2 use its interpreter,
    /// which obeys `limits.depthLimit` instead.
    ///
    /// - Parameter anchored: use the pattern compiled anchored at both ends.
    func execute(
        _ subject: SubjectBytes, from start: Int, options: UInt32 = 0, anchored: Bool = false, into scratch: MatchScratch
    ) throws(RegexError) -> Bool {
        let matchOptions = options | UInt32(PCRE2_NO_UTF_CHECK)
        let code = anchored ? anchoredCode : code
        var rc = pcre2_match_8(code, subject.base, subject.count, start, matchOptions, scratch.data, matchContext)
        if rc == PCRE2_ERROR_JIT_STACKLIMIT {
            rc = executeOnPrivateJITStack(code, subject, from: start, options: matchOptions, into: scratch)
        }
        if rc >= 0 { return true }
        if rc == PCRE2_ERROR_NOMATCH { return false }
        throw RegexError(pcre2Code: rc)
    }

    private func executeOnPrivateJITStack(
        _ code: OpaquePointer, _ subject: SubjectBytes, from start: Int, options: UInt32, into scratch: MatchScratch
    ) -> Int32 {
        let firstSize = 32 << 10
        guard let context = pcre2_match_context_copy_8(matchContext) else { return PCRE2_ERROR_NOMEMORY }
        defer { pcre2_match_context_free_8(context) }
        guard let stack = pcre2_jit_stack_create_8(firstSize, max(firstSize, limits.jitStackBytes), nil) else {
            return PCRE2_ERROR_NOMEMORY
        }
        defer { pcre2_jit_stack_free_8(stack) }
        pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack))
        return pcre2_match_8(code, subject.base, subject.count, start, options, scratch.data, context)
    }
}
