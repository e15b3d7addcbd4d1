/// The `with` text of a `replace` step (SEMANTICS S32), parsed once against its pattern.
///
/// References: `$0`, `$n` and `${n}` for numbered groups, `$name` and `${name}` for named
/// groups, `$$` for a literal `$`. Digits and name characters are read greedily (`$12` is
/// group 12, `$id_x` is the group `id_x`); write `${1}2` or `${id}_x` to stop earlier. A `$`
/// followed by anything else is an error, so a typo never silently becomes literal text, and
/// so is a reference to a group the pattern lacks: both are mapper errors found at load time.
public struct ReplacementTemplate: Sendable {
    enum Piece: Sendable, Equatable {
        /// Literal UTF-8 bytes.
        case literal([UInt8])
        /// A group's text; several numbers only for a name shared by several groups, of which
        /// the first that took part is used.
        case group([Int])
    }

    let pieces: [Piece]
    /// The highest group number referred to, checked against the pattern it is used with.
    let highestGroup: Int

    /// Parses `text` for `pattern`.
    ///
    /// - Throws: `RegexError` of kind `.badReplacement` naming the byte offset and, for a
    ///   missing group, the group.
    public init(_ text: String, for pattern: PCRE2Pattern) throws(RegexError) {
        var parser = TemplateParser(bytes: Array(text.utf8), text: text, pattern: pattern)
        pieces = try parser.parse()
        highestGroup = pieces.reduce(0) { highest, piece in
            if case .group(let numbers) = piece { max(highest, numbers.max() ?? 0) } else { highest }
        }
    }
}

/// The `$` reference grammar of `ReplacementTemplate`, over the template's UTF-8 bytes.
private struct TemplateParser {
    let bytes: [UInt8]
    let text: String
    let pattern: PCRE2Pattern
    var position = 0
    var pieces: [ReplacementTemplate.Piece] = []
    var literal: [UInt8] = []

    mutating func parse() throws(RegexError) -> [ReplacementTemplate.Piece] {
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == UInt8(ascii: "$") else {
                literal.append(byte)
                position += 1
                continue
            }
            let dollar = position
            position += 1
            guard position < bytes.count else {
                throw error(at: dollar, "\"$\" at the end; write \"$$\" for a literal \"$\"")
            }
            let next = bytes[position]
            if next == UInt8(ascii: "$") {
                literal.append(next)
                position += 1
            } else if next == UInt8(ascii: "{") {
                position += 1
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "}") { position += 1 }
                guard position < bytes.count else { throw error(at: dollar, "\"${\" without a closing \"}\"") }
                let inside = Array(bytes[start..<position])
                position += 1
                try appendReference(inside, at: dollar)
            } else if Self.isDigit(next) || Self.isNameStart(next) {
                let start = position
                let numeric = Self.isDigit(next)
                while position < bytes.count, numeric ? Self.isDigit(bytes[position]) : Self.isNameCharacter(bytes[position]) {
                    position += 1
                }
                try appendReference(Array(bytes[start..<position]), at: dollar)
            } else {
                throw error(at: dollar, "\"$\" must be followed by a group number, a name, {number}, {name} or \"$\"")
            }
        }
        flushLiteral()
        return pieces
    }

    /// Resolves the text of one reference (`12`, `name`) to group numbers.
    private mutating func appendReference(_ reference: [UInt8], at offset: Int) throws(RegexError) {
        let name = String(decoding: reference, as: UTF8.self)
        if !reference.isEmpty, reference.allSatisfy(Self.isDigit) {
            // Compare as text first, so that `$99999999999999999999` cannot overflow.
            let digits = name.drop { $0 == "0" }
            guard digits.count <= 9, let number = Int(digits.isEmpty ? "0" : digits), number <= pattern.captureCount else {
                throw error(at: offset, "refers to group \(name), but the pattern has \(Self.groups(pattern.captureCount))")
            }
            flushLiteral()
            pieces.append(.group([number]))
        } else if let first = reference.first, Self.isNameStart(first), reference.allSatisfy(Self.isNameCharacter) {
            guard let numbers = pattern.groupNumbersByName[name] else {
                throw error(at: offset, "refers to group \"\(name)\", but the pattern has no group named \"\(name)\"")
            }
            flushLiteral()
            pieces.append(.group(numbers))
        } else {
            throw error(at: offset, "\"${\(name)}\" is neither a group number nor a group name")
        }
    }

    private mutating func flushLiteral() {
        guard !literal.isEmpty else { return }
        pieces.append(.literal(literal))
        literal = []
    }

    private func error(at offset: Int, _ what: String) -> RegexError {
        RegexError(kind: .badReplacement, message: "invalid replacement \"\(text)\" at byte \(offset): \(what)")
    }

    private static func groups(_ count: Int) -> String {
        switch count {
        case 0: "no groups"
        case 1: "only 1 group"
        default: "only \(count) groups"
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_")
    }

    static func isNameCharacter(_ byte: UInt8) -> Bool { isNameStart(byte) || isDigit(byte) }
}
