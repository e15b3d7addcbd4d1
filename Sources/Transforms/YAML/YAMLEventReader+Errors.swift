import CYAML

extension YAMLEventReader {
    /// The parser's failure as a `SourceError` at libyaml's problem mark, in plain words.
    ///
    /// libyaml's texts ("did not find expected key while parsing a block mapping") are
    /// accurate but terse; the context's own position and a hint for the usual causes
    /// (tabs, a `: ` inside a plain value, bad indentation) save a trip to the YAML spec.
    func parserError() -> SourceError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "invalid YAML"
        switch state.error {
        case YAML_MEMORY_ERROR:
            return SourceError(.invalidValue, "out of memory", at: SourceMark(file: file, line: 1, column: 1))
        case YAML_READER_ERROR:
            // Reader errors carry a byte offset, not a mark.
            var message = problem
            if state.problem_value != -1 {
                message += " (0x" + String(state.problem_value, radix: 16, uppercase: true) + ")"
            }
            return SourceError(.invalidValue, message, at: markOfByte(state.problem_offset))
        default:
            let problemMark = mark(state.problem_mark)
            let context = state.context.map { String(cString: $0) }
            var message = problem
            if let context {
                let start = mark(state.context_mark)
                message += " " + context
                if start != problemMark { message += " that starts at line \(start.line), column \(start.column)" }
            }
            if let hint = hint(problem: problem, context: context, at: problemMark) { message += ": " + hint }
            return SourceError(.invalidValue, message, at: problemMark)
        }
    }

    /// Advice for the problems people hit most, keyed on libyaml's problem text.
    private func hint(problem: String, context: String?, at mark: SourceMark) -> String? {
        if byte(at: mark) == UInt8(ascii: "\t") { return "YAML indentation must use spaces, not tabs" }
        if problem == "found unexpected end of stream", context == "while scanning a quoted scalar" {
            return "close the quote"
        }
        if problem == "found unknown escape character", context == "while parsing a quoted scalar" {
            return "inside double quotes a backslash starts an escape; write a regex in single quotes, "
                + "where a backslash is itself ('INC-\\d+'), or double the backslash (\"INC-\\\\d+\")"
        }
        if problem == "did not find expected ',' or ']'" || problem == "did not find expected ',' or '}'" {
            // Inside [ … ] and { … } a bracket or comma ends an unquoted value.
            return linePrefix(before: mark).contains("$")
                ? "quote a JSONPath inside [ … ] or { … }: a bracket ends an unquoted value there (write [ \"$.a['b'][0]\", trim ])"
                : "quote a value that holds brackets or commas inside [ … ] or { … }"
        }
        switch problem {
        case "mapping values are not allowed in this context":
            return "check the indentation, or quote a value that contains ': '"
        case "did not find expected key", "did not find expected '-' indicator":
            return "check the indentation of this line"
        case "found character that cannot start any token":
            return "quote a value that starts with '@', '`' or another reserved character"
        default: return nil
        }
    }

    /// The offset of the first byte of 1-based `line` (the input's end when it has fewer lines).
    private func lineStart(_ line: Int) -> Int {
        var current = 1
        var index = 0
        while current < line, index < input.count {
            let breakLength = lineBreakLength(at: index)
            if breakLength > 0 { current += 1 }
            index += max(breakLength, 1)
        }
        return index
    }

    /// The text of `mark`'s line before its column.
    private func linePrefix(before mark: SourceMark) -> String {
        let index = lineStart(mark.line)
        var end = index
        var column = 1
        while column < mark.column, end < input.count, lineBreakLength(at: end) == 0 {
            end += 1
            while end < input.count, input[end] & 0xC0 == 0x80 { end += 1 }
            column += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: input[index..<end]), as: UTF8.self)
    }

    /// The first byte of the character at a 1-based line and column of the (UTF-8) input.
    private func byte(at mark: SourceMark) -> UInt8? {
        var index = lineStart(mark.line)
        var column = 1
        while column < mark.column, index < input.count {
            index += 1
            while index < input.count, input[index] & 0xC0 == 0x80 { index += 1 }
            column += 1
        }
        return index < input.count ? input[index] : nil
    }

    /// The 1-based line and column (in characters) of a byte offset into the input, counted
    /// as libyaml counts its own marks, so that a reader error and a parser error in the same
    /// file name the same lines.
    func markOfByte(_ offset: Int) -> SourceMark {
        var line = 1
        var column = 1
        var index = 0
        while index < min(offset, input.count) {
            let breakLength = lineBreakLength(at: index)
            if breakLength > 0 {
                line += 1
                column = 1
                index += breakLength
                continue
            }
            if input[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceMark(file: file, line: line, column: column)
    }

    /// The length in bytes of the line break at `index`, 0 when there is none.
    ///
    /// libyaml breaks lines at LF, CR, CR LF, NEL, LS and PS; counting LF alone put an error
    /// in a file with CR line ends (or a stray CR) on the wrong line (found by fuzzing).
    func lineBreakLength(at index: Int) -> Int {
        func byte(_ offset: Int) -> UInt8? { index + offset < input.count ? input[index + offset] : nil }
        switch (byte(0), byte(1), byte(2)) {
        case (0x0D, 0x0A, _): return 2
        case (0x0A, _, _), (0x0D, _, _): return 1
        case (0xC2, 0x85, _): return 2
        case (0xE2, 0x80, 0xA8), (0xE2, 0x80, 0xA9): return 3
        default: return 0
        }
    }
}
