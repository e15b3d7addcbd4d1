import CPCRE2

extension PCRE2Pattern {
    /// The first match in `subject`, searching unanchored (SEMANTICS S33), or `nil`.
    ///
    /// - Throws: `RegexError` of kind `.matchLimit` or `.depthLimit` when the engine gives up.
    public func firstMatch(in subject: String) throws(RegexError) -> RegexMatch? {
        let scratch = try MatchScratch(for: self)
        return try withSubject(subject) { (bytes) throws(RegexError) -> RegexMatch? in
            guard try execute(bytes, from: 0, into: scratch) else { return nil }
            return RegexMatch(scratch, in: bytes, pattern: self)
        }
    }

    /// Every non-overlapping match, left to right.
    ///
    /// After an empty match the search retries at the same place for a non-empty one, then
    /// moves on by one character (by CR LF when that is a newline), as `pcre2demo` does; so
    /// `x*` over `"aé"` gives three empty matches, at byte offsets 0, 1 and 3.
    public func allMatches(in subject: String) throws(RegexError) -> [RegexMatch] {
        var matches: [RegexMatch] = []
        let scratch = try MatchScratch(for: self)
        try withSubject(subject) { (bytes) throws(RegexError) in
            try forEachMatch(in: bytes, scratch: scratch) { matches.append(RegexMatch(scratch, in: bytes, pattern: self)) }
        }
        return matches
    }

    /// Whether the pattern matches anywhere in `subject` (the `when` `matches` test, S57).
    public func containsMatch(in subject: String) throws(RegexError) -> Bool {
        let scratch = try MatchScratch(for: self)
        return try withSubject(subject) { (bytes) throws(RegexError) -> Bool in
            try execute(bytes, from: 0, into: scratch)
        }
    }

    /// Whether the pattern matches all of `subject`, start to end (RFC 9535 `match()`).
    ///
    /// Runs the copy of the pattern compiled with `PCRE2_ANCHORED | PCRE2_ENDANCHORED`, so
    /// the JIT applies; `a|ab` matches all of `"ab"` because the end anchor makes the engine
    /// backtrack into the second alternative.
    public func matchesEntirely(_ subject: String) throws(RegexError) -> Bool {
        let scratch = try MatchScratch(for: self)
        return try withSubject(subject) { (bytes) throws(RegexError) -> Bool in
            try execute(bytes, from: 0, anchored: true, into: scratch)
        }
    }

    /// Calls `body` once per non-overlapping match, with the offsets in `scratch`.
    ///
    /// The loop of `pcre2demo.c`: after an empty match at offset p, retry at p with
    /// `PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED`; if that fails, advance one character.
    func forEachMatch(in subject: SubjectBytes, scratch: MatchScratch, _ body: () -> Void) throws(RegexError) {
        var start = 0
        var options: UInt32 = 0
        let retryOptions = UInt32(PCRE2_NOTEMPTY_ATSTART) | UInt32(PCRE2_ANCHORED)
        while true {
            guard try execute(subject, from: start, options: options, into: scratch) else {
                guard options != 0, start < subject.count else { return }
                start = nextCharacter(after: start, in: subject)
                options = 0
                continue
            }
            guard let match = scratch.range(ofGroup: 0) else {
                // Only `\K` can put a match's start after its end; PCRE2 forbids it in
                // lookarounds by default, so this is defensive.
                throw RegexError(kind: .other(code: 0), message: "regex error: \\K moved the match start past its end")
            }
            body()
            if match.isEmpty {
                if match.upperBound == subject.count { return }
                options = retryOptions
            } else {
                options = 0
            }
            start = match.upperBound
        }
    }

    /// The byte offset of the character after the one at `offset`.
    private func nextCharacter(after offset: Int, in subject: SubjectBytes) -> Int {
        if crlfIsNewline, offset + 1 < subject.count, subject[offset] == 0x0D, subject[offset + 1] == 0x0A {
            return offset + 2
        }
        var next = offset + 1
        while next < subject.count, subject[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }
}
