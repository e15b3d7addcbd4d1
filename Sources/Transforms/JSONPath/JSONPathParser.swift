/// The recursive-descent parser for RFC 9535 queries: segments and selectors.
///
/// It works on the UTF-8 bytes of the text, so every error offset is a byte offset, and it
/// follows the RFC's ABNF literally (white space only where `S` appears, no leading zeros,
/// no `-0` index) because mappers must behave the same in every RFC 9535 implementation.
struct JSONPathParser {
    let bytes: [UInt8]
    var position = 0
    /// How deeply filters, parentheses and function calls are nested at `position`.
    var nesting = 0

    /// The deepest nesting accepted, so that a hostile query cannot exhaust the stack.
    static let maxNesting = 128

    init(_ text: String) { bytes = Array(text.utf8) }

    /// Parses a whole query: `$`, its segments, and nothing after them.
    mutating func parseQuery() throws(JSONPathError) -> PathQuery {
        guard peek == UInt8(ascii: "$") else {
            throw error(bytes.isEmpty ? "expected '$' to start the query, got an empty query" : "expected '$' to start the query")
        }
        position += 1
        let segments = try parseSegments()
        guard position == bytes.count else {
            if isBlank(peek) { throw error("unexpected white space at the end of the query") }
            throw error("unexpected \(describe(position)); expected '.', '..' or '['")
        }
        return PathQuery(isRelative: false, segments: segments)
    }

    /// `segments = *(S segment)`: white space is consumed only when a segment follows it.
    mutating func parseSegments() throws(JSONPathError) -> [PathSegment] {
        var segments: [PathSegment] = []
        while true {
            let save = position
            skipBlanks()
            if peek == UInt8(ascii: ".") {
                segments.append(try parseDotSegment())
            } else if peek == UInt8(ascii: "[") {
                segments.append(try parseBracketedSegment(isDescendant: false))
            } else {
                position = save
                return segments
            }
        }
    }

    /// `.name`, `.*`, `..name`, `..*` or `..[selectors]`.
    private mutating func parseDotSegment() throws(JSONPathError) -> PathSegment {
        position += 1  // '.'
        var isDescendant = false
        if peek == UInt8(ascii: ".") {
            position += 1
            isDescendant = true
            if peek == UInt8(ascii: "[") { return try parseBracketedSegment(isDescendant: true) }
        }
        let after = isDescendant ? "'..'" : "'.'"
        if peek == UInt8(ascii: "*") {
            position += 1
            return PathSegment(isDescendant: isDescendant, selectors: [.wildcard], isSingularForm: false)
        }
        guard let byte = peek, Self.isNameFirst(byte) else {
            throw error("expected a member name\(isDescendant ? ", '*' or '['" : " or '*'") after \(after)")
        }
        let start = position
        while let byte = peek, Self.isNameFirst(byte) || Self.isDigit(byte) { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        return PathSegment(isDescendant: isDescendant, selectors: [.name(name)], isSingularForm: !isDescendant)
    }

    /// `"[" S selector *(S "," S selector) S "]"`.
    private mutating func parseBracketedSegment(isDescendant: Bool) throws(JSONPathError) -> PathSegment {
        let open = position
        position += 1  // '['
        var selectors: [PathSelector] = []
        var tight = true  // no white space inside: the singular-query form
        while true {
            let beforeBlanks = position
            skipBlanks()
            if position != beforeBlanks { tight = false }
            selectors.append(try parseSelector())
            let afterSelector = position
            skipBlanks()
            if position != afterSelector { tight = false }
            if peek == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard peek == UInt8(ascii: "]") else {
                if peek == nil { throw JSONPathError(offset: open, message: "unclosed '['") }
                throw error("expected ',' or ']' after a selector, got \(describe(position))")
            }
            position += 1
            break
        }
        var singular = false
        if !isDescendant, tight, selectors.count == 1 {
            switch selectors[0] {
            case .name, .index: singular = true
            default: singular = false
            }
        }
        return PathSegment(isDescendant: isDescendant, selectors: selectors, isSingularForm: singular)
    }

    /// One selector inside brackets: a name, `*`, an index, a slice or a filter.
    private mutating func parseSelector() throws(JSONPathError) -> PathSelector {
        guard let byte = peek else { throw error("expected a selector, got the end of the query") }
        switch byte {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .name(try parseStringLiteral())
        case UInt8(ascii: "*"):
            position += 1
            return .wildcard
        case UInt8(ascii: "?"):
            try enterNesting()
            defer { nesting -= 1 }
            position += 1
            skipBlanks()
            return .filter(try parseLogicalOr())
        case UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseIndexOrSlice()
        default:
            throw error("expected a selector (a quoted name, '*', an index, a slice or '?'), got \(describe(position))")
        }
    }

    /// `index` or `[start S] ":" S [end S] [":" [S step]]`.
    private mutating func parseIndexOrSlice() throws(JSONPathError) -> PathSelector {
        let start = peek == UInt8(ascii: ":") ? nil : try parseIndexInteger()
        let afterStart = position
        skipBlanks()
        guard peek == UInt8(ascii: ":") else {
            position = afterStart
            guard let start else { throw error("expected an index") }
            return .index(start)
        }
        position += 1
        skipBlanks()
        var end: Int?
        if let byte = peek, byte == UInt8(ascii: "-") || Self.isDigit(byte) {
            end = try parseIndexInteger()
        }
        let afterEnd = position
        skipBlanks()
        guard peek == UInt8(ascii: ":") else {
            position = afterEnd
            return .slice(start: start, end: end, step: nil)
        }
        position += 1
        let afterColon = position
        skipBlanks()
        var step: Int?
        if let byte = peek, byte == UInt8(ascii: "-") || Self.isDigit(byte) {
            step = try parseIndexInteger()
        } else {
            position = afterColon
        }
        return .slice(start: start, end: end, step: step)
    }
}

extension JSONPathParser {
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    func peek(at offset: Int) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    /// `B = %x20 / %x09 / %x0A / %x0D`.
    func isBlank(_ byte: UInt8?) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Counts one more level of nesting; the caller undoes it with `defer { nesting -= 1 }`.
    mutating func enterNesting() throws(JSONPathError) {
        guard nesting < Self.maxNesting else {
            throw error("the query is nested too deeply (more than \(Self.maxNesting) levels of filters, parentheses and calls)")
        }
        nesting += 1
    }

    mutating func skipBlanks() {
        while isBlank(peek) { position += 1 }
    }

    /// `name-first = ALPHA / "_" / %x80-D7FF / %xE000-10FFFF`: any byte of a non-ASCII scalar
    /// qualifies, since valid UTF-8 text never holds a surrogate.
    static func isNameFirst(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte >= 0x80
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    func error(_ message: String, at offset: Int? = nil) -> JSONPathError {
        JSONPathError(offset: offset ?? position, message: message)
    }

    /// The character at `offset` for a message: `'x'`, or "the end of the query".
    func describe(_ offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the query" }
        let byte = bytes[offset]
        switch byte {
        case 0x20: return "a space"
        case 0x09: return "a tab"
        case 0x0A: return "a line feed"
        case 0x0D: return "a carriage return"
        case 0..<0x20: return "control character U+\(String(byte, radix: 16, uppercase: true))"
        case 0x80...:
            var end = offset + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            return "'\(String(decoding: bytes[offset..<end], as: UTF8.self))'"
        default: return "'\(Character(Unicode.Scalar(byte)))'"
        }
    }
}
