extension PCRE2Pattern {
    /// `subject` with every match replaced by `template` expanded for that match (S32).
    ///
    /// Matches are found as `allMatches` finds them. The result is built as bytes while the
    /// subject is pinned, then decoded once. A group that did not take part expands to `""`.
    ///
    /// - Throws: `.badReplacement` when `template` refers to a group this pattern lacks (it
    ///   was parsed for another pattern), or a limit error from matching.
    public func replacingAll(in subject: String, with template: ReplacementTemplate) throws(RegexError) -> String {
        guard template.highestGroup <= captureCount else {
            throw RegexError(
                kind: .badReplacement,
                message: "replacement refers to group \(template.highestGroup), but the pattern has \(captureCount) groups"
            )
        }
        let scratch = try MatchScratch(for: self)
        return try withSubject(subject) { (bytes) throws(RegexError) -> String in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var copied = 0
            var replaced = false
            try forEachMatch(in: bytes, scratch: scratch) {
                guard let match = scratch.range(ofGroup: 0) else { return }
                output.append(contentsOf: UnsafeBufferPointer(start: bytes.base + copied, count: match.lowerBound - copied))
                for piece in template.pieces {
                    switch piece {
                    case .literal(let text):
                        output.append(contentsOf: text)
                    case .group(let numbers):
                        if let range = numbers.lazy.compactMap(scratch.range(ofGroup:)).first {
                            output.append(contentsOf: UnsafeBufferPointer(start: bytes.base + range.lowerBound, count: range.count))
                        }
                    }
                }
                copied = match.upperBound
                replaced = true
            }
            guard replaced else { return subject }
            output.append(contentsOf: UnsafeBufferPointer(start: bytes.base + copied, count: bytes.count - copied))
            return String(decoding: output, as: UTF8.self)
        }
    }
}
