/// Translation of an I-Regexp (RFC 9485) into an equivalent PCRE2 pattern.
///
/// RFC 9535's `match()` and `search()` take I-Regexps, a small interoperable subset whose
/// meaning differs from PCRE2's in places: `.` excludes only `\n` and `\r`, and there are no
/// backreferences, lookarounds or possessive quantifiers. Parsing the I-Regexp grammar exactly
/// (rather than handing the text to PCRE2) both rejects what I-Regexp rejects and gives PCRE2
/// a pattern with the I-Regexp meaning.
///
/// One deliberate departure: RFC 9485's grammar makes `^` and `$` ordinary characters, but the
/// compliance suite (and the mappings to ECMAScript and PCRE that RFC 9485 §5 describes, which
/// most implementations use) treat them as anchors, so they become `\A` and `\z` (start and
/// very end of the string; PCRE2's `$` would also match before a final newline).
enum IRegexp {
    /// The PCRE2 pattern for `source`, or `nil` when `source` is not a valid I-Regexp.
    static func pcre2Pattern(_ source: String) -> String? {
        var translator = Translator(scalars: Array(source.unicodeScalars))
        guard translator.translateAlternation(), translator.position == translator.scalars.count else { return nil }
        return translator.output
    }

    /// The two-letter (or one-letter) general categories `\p{…}` accepts (`IsCategory`).
    static let categories: Set<String> = [
        "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No",
        "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "Z", "Zl", "Zp", "Zs",
        "S", "Sc", "Sk", "Sm", "So", "C", "Cc", "Cf", "Cn", "Co",
    ]

    private struct Translator {
        let scalars: [Unicode.Scalar]
        var position = 0
        var output = ""

        var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        /// `i-regexp = branch *( "|" branch )`; stops before an unmatched `)`.
        mutating func translateAlternation() -> Bool {
            guard translateBranch() else { return false }
            while peek == "|" {
                position += 1
                output += "|"
                guard translateBranch() else { return false }
            }
            return true
        }

        /// `branch = *piece`, `piece = atom [ quantifier ]`.
        private mutating func translateBranch() -> Bool {
            while let scalar = peek, scalar != "|", scalar != ")" {
                guard translateAtom(), translateQuantifier() else { return false }
            }
            return true
        }

        private mutating func translateAtom() -> Bool {
            guard let scalar = peek else { return false }
            position += 1
            switch scalar {
            case "(":
                output += "(?:"
                guard translateAlternation(), peek == ")" else { return false }
                position += 1
                output += ")"
                return true
            case ".":
                output += "[^\\n\\r]"
                return true
            case "[":
                return translateClass()
            case "\\":
                if let escape = categoryEscape() { output += escape; return true }
                guard let literal = singleCharEscape() else { return false }
                output += literal
                return true
            case "*", "+", "?", "{", "}", "]", ")", "|":
                return false  // not a NormalChar
            case "^":
                output += "\\A"
                return true
            case "$":
                output += "\\z"
                return true
            default:
                output += Self.literal(scalar)
                return true
            }
        }

        /// `quantifier = "*" / "+" / "?" / "{" n [ "," [ m ] ] "}"`, at most one per atom.
        private mutating func translateQuantifier() -> Bool {
            switch peek {
            case "*", "+", "?":
                output.unicodeScalars.append(scalars[position])
                position += 1
            case "{":
                position += 1
                guard let minimum = digits() else { return false }
                var text = "{" + minimum
                if peek == "," {
                    position += 1
                    text += "," + (digits() ?? "")
                }
                guard peek == "}" else { return false }
                position += 1
                output += text + "}"
            default:
                break
            }
            return true
        }

        private mutating func digits() -> String? {
            var text = ""
            while let scalar = peek, ("0"..."9").contains(scalar) {
                text.unicodeScalars.append(scalar)
                position += 1
            }
            return text.isEmpty ? nil : text
        }

        /// `charClassExpr = "[" [ "^" ] ( "-" / CCE1 ) *CCE1 [ "-" ] "]"`, after the `[`.
        private mutating func translateClass() -> Bool {
            output += "["
            if peek == "^" {
                position += 1
                output += "^"
            }
            var first = true
            while true {
                guard let scalar = peek else { return false }
                if scalar == "]", !first {
                    position += 1
                    output += "]"
                    return true
                }
                if scalar == "-" {
                    // Only first, or last before "]".
                    guard first || (position + 1 < scalars.count && scalars[position + 1] == "]") else { return false }
                    position += 1
                    output += "\\-"
                } else {
                    guard translateClassElement() else { return false }
                }
                first = false
            }
        }

        /// `CCE1 = ( CCchar [ "-" CCchar ] ) / charClassEsc`.
        private mutating func translateClassElement() -> Bool {
            if peek == "\\" {
                position += 1
                if let escape = categoryEscape() {
                    output += escape  // a category never starts a range
                    return true
                }
                position -= 1
            }
            guard let low = classCharacter() else { return false }
            output += low
            guard peek == "-", position + 1 < scalars.count, scalars[position + 1] != "]" else { return true }
            position += 1
            guard let high = classCharacter() else { return false }
            output += "-" + high
            return true
        }

        /// `CCchar`: any scalar but `-`, `[`, `\` and `]`, or a `SingleCharEsc` after `\`.
        private mutating func classCharacter() -> String? {
            guard let scalar = peek, scalar != "-", scalar != "[", scalar != "]" else { return nil }
            position += 1
            return scalar == "\\" ? singleCharEscape() : Self.literal(scalar)
        }

        /// After a `\`: `\p{…}` or `\P{…}` with a known category, as PCRE2 text.
        private mutating func categoryEscape() -> String? {
            guard let letter = peek, letter == "p" || letter == "P" else { return nil }
            let start = position
            position += 1
            guard peek == "{" else { position = start; return nil }
            position += 1
            var name = ""
            while let scalar = peek, scalar != "}" {
                name.unicodeScalars.append(scalar)
                position += 1
            }
            guard peek == "}", IRegexp.categories.contains(name) else { position = start; return nil }
            position += 1
            return "\\\(letter){\(name)}"
        }

        /// After a `\`: `SingleCharEsc`, as PCRE2 text.
        private mutating func singleCharEscape() -> String? {
            guard let scalar = peek else { return nil }
            position += 1
            switch scalar {
            case "n": return "\\n"
            case "r": return "\\r"
            case "t": return "\\t"
            case "(", ")", "*", "+", "-", ".", "?", "[", "\\", "]", "^", "{", "|", "}":
                return "\\" + String(scalar)
            default: return nil
            }
        }

        /// A literal scalar in PCRE2 syntax, inside or outside a class: ASCII punctuation is
        /// backslash-escaped (always literal in PCRE2), control characters are `\x{…}`.
        static func literal(_ scalar: Unicode.Scalar) -> String {
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x80...: return String(scalar)
            case 0x21...0x7E: return "\\" + String(scalar)
            default: return "\\x{\(String(scalar.value, radix: 16))}"
            }
        }
    }
}
