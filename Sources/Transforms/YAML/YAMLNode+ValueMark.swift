extension YAMLNode {
    /// The mark of the character at UTF-8 byte `offset` of this scalar's value, so an error
    /// found inside a value (a JSONPath's byte offset) points at the character to fix rather
    /// than at the start of the line (STYLE 4).
    ///
    /// It reads the scalar as written: a plain value as is, a single-quoted one with `''`
    /// for `'`, a double-quoted one with its backslash escapes. A value written over several
    /// lines (or block `|`, `>`) gives the node's own mark.
    public func mark(ofValueByte offset: Int) -> SourceMark {
        guard case .scalar(_, let text, _) = content, let written = writtenText,
            let columns = WrittenScalar(written).columns(toValueByte: offset, value: text)
        else { return mark }
        return SourceMark(file: mark.file, line: mark.line, column: mark.column + columns)
    }
}

/// A one-line scalar as written, decoded character by character alongside its value.
private struct WrittenScalar {
    let scalars: [Unicode.Scalar]

    init(_ written: String) {
        scalars = Array(written.unicodeScalars)
    }

    /// How many written characters precede the value's byte `offset`; nil when the written
    /// text does not decode to `value` (a style this reading does not know), so no column is
    /// guessed.
    func columns(toValueByte offset: Int, value: String) -> Int? {
        guard let quote = scalars.first else { return value.isEmpty ? 0 : nil }
        var decoded: [(scalar: Unicode.Scalar, written: Int)] = []
        var index = 0
        switch quote {
        case "'":
            index = 1
            while index < scalars.count - 1 {
                let isEscapedQuote = scalars[index] == "'" && scalars[index + 1] == "'"
                decoded.append((scalars[index], index))
                index += isEscapedQuote ? 2 : 1
            }
        case "\"":
            index = 1
            while index < scalars.count - 1 {
                let start = index
                guard scalars[index] == "\\" else {
                    decoded.append((scalars[index], start))
                    index += 1
                    continue
                }
                guard let (scalar, length) = escape(at: index + 1) else { return nil }
                decoded.append((scalar, start))
                index += 1 + length
            }
        case "|", ">":
            return nil
        default:
            decoded = scalars.enumerated().map { ($0.element, $0.offset) }
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: decoded.map(\.scalar))
        guard String(text) == value else { return nil }
        var bytes = 0
        for character in decoded {
            if bytes >= offset { return character.written }
            bytes += String(character.scalar).utf8.count
        }
        return bytes >= offset ? (quote == "'" || quote == "\"" ? scalars.count - 1 : scalars.count) : nil
    }

    /// The character a backslash escape at `index` (just after the `\`) stands for, and how
    /// many written characters it takes (the escapes of YAML 1.2, section 5.7).
    private func escape(at index: Int) -> (Unicode.Scalar, Int)? {
        guard index < scalars.count else { return nil }
        let simple: [Unicode.Scalar: Unicode.Scalar] = [
            "0": "\u{0}", "a": "\u{7}", "b": "\u{8}", "t": "\t", "\t": "\t", "n": "\n", "v": "\u{B}", "f": "\u{C}",
            "r": "\r", "e": "\u{1B}", " ": " ", "\"": "\"", "/": "/", "\\": "\\", "N": "\u{85}", "_": "\u{A0}",
            "L": "\u{2028}", "P": "\u{2029}",
        ]
        if let scalar = simple[scalars[index]] { return (scalar, 1) }
        let digits = ["x": 2, "u": 4, "U": 8][String(scalars[index])]
        guard let digits, index + digits < scalars.count else { return nil }
        let hex = String(String.UnicodeScalarView(scalars[(index + 1)...(index + digits)]))
        guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else { return nil }
        return (scalar, 1 + digits)
    }
}
