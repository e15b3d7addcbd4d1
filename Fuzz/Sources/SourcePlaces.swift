import Transforms

/// The lines of a text as libyaml counts them, to check that a mark points inside the text.
///
/// libyaml breaks lines at LF, CR, CR LF, NEL, LS and PS and counts columns in Unicode
/// scalars, so a mark is in range when its line is one of the text's lines (or the one after
/// the last, where an unexpected end is reported) and its column at most one past that
/// line's length.
struct SourcePlaces {
    /// Each line's length in scalars.
    private(set) var lineLengths: [Int] = [0]

    init(_ text: String) {
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previous == "\r": break
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": lineLengths.append(0)
            default: lineLengths[lineLengths.count - 1] += 1
            }
            previous = scalar
        }
    }

    func contains(_ mark: SourceMark) -> Bool {
        guard mark.line >= 1, mark.column >= 1 else { return false }
        if mark.line == lineLengths.count + 1 { return mark.column == 1 }
        return mark.line <= lineLengths.count && mark.column <= lineLengths[mark.line - 1] + 1
    }
}
