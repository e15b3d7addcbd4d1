/// How much work one regex match may do before it is stopped with a `RegexError`.
///
/// A pattern such as `(a+)+$` against 50,000 `a` followed by `b` backtracks exponentially;
/// without limits one payload would pin a core for ever. The limits are per call of the
/// engine (PCRE2 restarts its counters at every start position of an unanchored search), so
/// they bound the cost of one attempt, not the length of the subject.
///
/// The defaults were measured on this project's machines (PCRE2 10.42, JIT on) with the
/// largest subject Intake can receive, a 1 MiB body (`max_body_bytes`):
/// - ordinary patterns over 1 MiB, including a repeated group per byte such as `(?:(\w)\s?)+$`
///   (about 2 M steps under JIT) or `(?:.)+` (about 1 M nested levels in the interpreter),
///   finish untouched;
/// - catastrophic patterns over 30–50 kB, such as `(a+)+$`, `(a|aa)+$`, `(x+x+)+\d`, stop in
///   35–140 ms under JIT, and in 0.3–0.7 s in the interpreter (which runs only where PCRE2
///   has no JIT, and for the one-position retry after an empty match).
public struct RegexLimits: Sendable, Hashable {
    /// Largest number of backtracking steps (PCRE2 match limit) in one attempt. Default:
    /// 10,000,000.
    ///
    /// PCRE2's own default. 1,000,000 stops ReDoS ten times sooner, but it also stops a
    /// legitimate repeated group over a 1 MiB subject (measured), so the larger value wins;
    /// JIT spends at most about 0.15 s on them.
    public var matchLimit: UInt32
    /// Largest backtracking depth (PCRE2 depth limit) in the interpreter. Default: 1,250,000.
    ///
    /// One level per byte of a 1 MiB subject plus a fifth of headroom: a group repeated once
    /// per byte nests that deep. Memory is depth × frame size (about 130 bytes plus 16 per
    /// capture group), so this also caps the interpreter's backtracking memory near 200 MB in
    /// the worst case. The JIT ignores it and is bounded by `jitStackBytes` instead.
    public var depthLimit: UInt32
    /// Largest JIT stack for one match, in bytes. Default: 64 MiB.
    ///
    /// A match first runs on PCRE2's 32 KiB machine-stack area; only when that overflows is a
    /// private stack of up to this size reserved for the call (the kernel commits pages as
    /// they are touched). `(?:(a)|\d)+` over 1 MiB needs between 32 and 64 MiB (measured).
    public var jitStackBytes: Int

    public init(matchLimit: UInt32 = 10_000_000, depthLimit: UInt32 = 1_250_000, jitStackBytes: Int = 64 << 20) {
        self.matchLimit = matchLimit
        self.depthLimit = depthLimit
        self.jitStackBytes = jitStackBytes
    }

    /// The defaults above.
    public static let standard = RegexLimits()
}
