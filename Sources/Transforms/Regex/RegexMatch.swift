/// One match of a `PCRE2Pattern`, with its groups copied out of the subject.
///
/// Substrings are copied while the subject's bytes are pinned, so a match outlives the call
/// that made it and can cross threads.
public struct RegexMatch: Sendable {
    /// Where the whole match lies, as UTF-8 byte offsets in the subject.
    public var range: Range<Int>
    /// The text of the whole match (group 0).
    public var wholeMatch: String

    /// Group texts by number; index 0 is the whole match, `nil` a group that did not take part.
    var groups: [String?]
    /// The pattern's name → group numbers table, shared copy-on-write with the pattern.
    var groupNumbersByName: [String: [Int]]

    /// The text of group `number` (0 is the whole match), or `nil` when the group did not take
    /// part in this match or the pattern has no such group.
    public func group(_ number: Int) -> String? {
        guard groups.indices.contains(number) else { return nil }
        return groups[number]
    }

    /// The text of the group called `name`, or `nil` when it did not take part or does not exist.
    ///
    /// With duplicate names (`(?J)`), the lowest-numbered group that took part wins, as in
    /// PCRE2's own `pcre2_substring_get_byname`.
    public func group(named name: String) -> String? {
        for number in groupNumbersByName[name] ?? [] {
            if let text = group(number) { return text }
        }
        return nil
    }

    /// Copies the match held in `scratch` out of `subject`.
    init(_ scratch: MatchScratch, in subject: SubjectBytes, pattern: PCRE2Pattern) {
        var groups: [String?] = []
        groups.reserveCapacity(pattern.captureCount + 1)
        for number in 0...pattern.captureCount {
            groups.append(scratch.range(ofGroup: number).map(subject.string))
        }
        let whole = scratch.range(ofGroup: 0) ?? 0..<0
        self.range = whole
        self.wholeMatch = groups[0] ?? ""
        self.groups = groups
        self.groupNumbersByName = pattern.groupNumbersByName
    }
}
