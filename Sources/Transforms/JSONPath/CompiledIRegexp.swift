/// An I-Regexp compiled to PCRE2, for `match()` and `search()`.
///
/// A failed match (including PCRE2 hitting its match limit on a hostile pattern) is false,
/// never an error: RFC 9535 functions have no error channel, and a filter that cannot decide
/// must not select.
struct CompiledIRegexp: Sendable {
    let pattern: PCRE2Pattern

    /// `nil` when `iregexp` is not a valid I-Regexp (RFC 9485) or PCRE2 refuses it.
    init?(_ iregexp: String) {
        guard let translated = IRegexp.pcre2Pattern(iregexp),
            let compiled = try? PCRE2Pattern("(?:\(translated))")
        else { return nil }
        pattern = compiled
    }

    func matchesEntirely(_ subject: String) -> Bool {
        (try? pattern.matchesEntirely(subject)) ?? false
    }

    func containsMatch(in subject: String) -> Bool {
        (try? pattern.containsMatch(in: subject)) ?? false
    }
}
