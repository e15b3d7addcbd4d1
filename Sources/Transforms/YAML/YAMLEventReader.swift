import CYAML

/// One libyaml event, copied into Swift values so the C event can be freed at once.
struct YAMLEvent {
    enum Kind {
        case streamStart, streamEnd, documentStart, documentEnd
        case alias
        /// `written` is the scalar as it stands in the file (quotes and escapes included) when
        /// it is written on one line, else nil.
        case scalar(value: String, tag: String?, plain: Bool, written: String?)
        case sequenceStart(tag: String?)
        case sequenceEnd
        case mappingStart(tag: String?)
        case mappingEnd
    }

    var kind: Kind
    var mark: SourceMark
}

/// Pulls events from libyaml's parser over bytes the caller keeps alive.
///
/// The event API is used rather than libyaml's document loader because the loader builds the
/// whole alias graph before anyone can refuse an alias, and turning that graph into a tree is
/// where an alias bomb explodes; on events, the first alias stops the load.
/// Each C event is copied and deleted inside `next()`, so no error path can leak one.
struct YAMLEventReader: ~Copyable {
    let parser: UnsafeMutablePointer<yaml_parser_t>
    let input: UnsafeBufferPointer<UInt8>
    let file: String
    /// The last position `byteOffset(line:column:)` found.
    private var cursor: (line: Int, column: Int, byte: Int) = (0, 0, 0)

    /// Starts a parser over `input`, which must outlive the reader.
    init(input: UnsafeBufferPointer<UInt8>, file: String) throws(SourceError) {
        // Set up the C parser before any stored property, so a failure here never runs `deinit`.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) != 0 else {
            parser.deallocate()
            throw SourceError(.invalidValue, "out of memory", at: SourceMark(file: file, line: 1, column: 1))
        }
        yaml_parser_set_input_string(parser, input.baseAddress, input.count)
        self.parser = parser
        self.input = input
        self.file = file
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// The next event, or the parser's error as a `SourceError`.
    mutating func next() throws(SourceError) -> YAMLEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) != 0 else { throw parserError() }
        defer { yaml_event_delete(&event) }
        var kind = Self.kind(of: event)
        if case .scalar(let value, let tag, let plain, _) = kind {
            kind = .scalar(value: value, tag: tag, plain: plain, written: writtenText(from: event.start_mark, to: event.end_mark))
        }
        return YAMLEvent(kind: kind, mark: mark(event.start_mark))
    }

    /// The input between two marks of one line, or nil when they are on different lines.
    private mutating func writtenText(from start: yaml_mark_t, to end: yaml_mark_t) -> String? {
        guard start.line == end.line, end.column >= start.column else { return nil }
        let first = byteOffset(line: Int(start.line), column: Int(start.column))
        let last = byteOffset(line: Int(end.line), column: Int(end.column))
        return String(decoding: UnsafeBufferPointer(rebasing: input[first..<last]), as: UTF8.self)
    }

    /// The byte offset of a 0-based line and column (in characters: libyaml's `index` counts
    /// characters, not bytes).
    ///
    /// Marks arrive in file order, so the walk goes on from the last position asked for, and a
    /// whole file costs one pass however many scalars it holds.
    private mutating func byteOffset(line: Int, column: Int) -> Int {
        if line < cursor.line || (line == cursor.line && column < cursor.column) { cursor = (0, 0, 0) }
        while cursor.line < line, cursor.byte < input.count {
            let breakLength = lineBreakLength(at: cursor.byte)
            if breakLength > 0 { cursor = (cursor.line + 1, 0, cursor.byte + breakLength) } else { cursor.byte += 1 }
        }
        while cursor.column < column, cursor.byte < input.count {
            cursor.byte += 1
            while cursor.byte < input.count, input[cursor.byte] & 0xC0 == 0x80 { cursor.byte += 1 }
            cursor.column += 1
        }
        return cursor.byte
    }

    /// A libyaml mark (0-based) as a 1-based `SourceMark`.
    func mark(_ mark: yaml_mark_t) -> SourceMark {
        SourceMark(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func kind(of event: yaml_event_t) -> YAMLEvent.Kind {
        switch event.type {
        case YAML_STREAM_START_EVENT: return .streamStart
        case YAML_DOCUMENT_START_EVENT: return .documentStart
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_ALIAS_EVENT: return .alias
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let value = scalar.value.map {
                String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self)
            }
            return .scalar(
                value: value ?? "", tag: string(scalar.tag),
                plain: scalar.style == YAML_PLAIN_SCALAR_STYLE, written: nil)
        case YAML_SEQUENCE_START_EVENT: return .sequenceStart(tag: string(event.data.sequence_start.tag))
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_MAPPING_START_EVENT: return .mappingStart(tag: string(event.data.mapping_start.tag))
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        default: return .streamEnd  // YAML_STREAM_END_EVENT; YAML_NO_EVENT only follows an error
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
