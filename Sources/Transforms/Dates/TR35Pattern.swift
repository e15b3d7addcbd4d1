/// A compiled TR35 (ICU / `DateFormatter`) date pattern, restricted to SEMANTICS S81.
///
/// Compiled once when the mapper loads, so an unknown letter is a mapper error (S81) and each
/// payload only runs the matcher. We match by hand rather than with `DateFormatter` because
/// its leniency (partial matches, guessed centuries, rolled-over dates) differs from S81.
struct TR35Pattern: Sendable {
    /// The pattern as written, for error messages.
    let source: String
    let tokens: [Token]

    enum Token: Sendable, Hashable {
        /// Text that must appear exactly.
        case literal([UInt8])
        /// A number of `minDigits...maxDigits` digits.
        case number(NumberField, minDigits: Int, maxDigits: Int)
        /// `S…`: exactly `digits` fraction digits.
        case fraction(digits: Int)
        /// `MMM`/`LLL` (abbreviation) or `MMMM`/`LLLL` (full name).
        case monthName(full: Bool)
        /// `EEE`/`ccc` or `EEEE`/`cccc`: read and ignored.
        case weekdayName(full: Bool)
        /// `a`: AM, PM, a.m., p.m.
        case dayPeriod
        /// An offset in one of `notations`, or `Z` when `allowsZ`.
        case offset(notations: [OffsetNotation], allowsZ: Bool)
        /// `ZZZZ`: `GMT` or `GMT±HH:MM`.
        case gmtOffset
        /// `z`: only `UTC`, `GMT` or `Z`.
        case utcName
    }

    enum NumberField: Sendable, Hashable {
        case year, twoDigitYear, month, day, minute, second
        case hour(HourStyle)
    }

    /// The four hour letters of TR35, which differ in range and in how `a` applies.
    enum HourStyle: Sendable, Hashable {
        /// `H`: 0–23.
        case h0to23
        /// `h`: 1–12, with `a`.
        case h1to12
        /// `K`: 0–11, with `a`.
        case h0to11
        /// `k`: 1–24, where 24 is midnight.
        case h1to24
    }

    /// Compiles `source`.
    ///
    /// - Throws: `DateFormatError` for a letter S81 does not list (`Q`, `w`, `D`, `G`, …), a
    ///   listed letter repeated more often than S81 gives a meaning to (`MMMMM`), an unclosed
    ///   quote, or an empty pattern.
    init(_ source: String) throws(DateFormatError) {
        self.source = source
        let bytes = Array(source.utf8)
        guard !bytes.isEmpty else { throw DateFormatError(message: "the date format is empty") }
        if let translated = Self.fromStrftime(source) {
            throw DateFormatError(
                message: "date format '\(source)' is a strftime pattern; date formats are Unicode (TR35) patterns: write '\(translated)'")
        }
        var tokens: [Token] = []
        var literal: [UInt8] = []
        var position = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "'") {
                position = try Self.quoted(bytes, from: position, into: &literal, source: source)
            } else if Self.isLetter(byte) {
                var count = 1
                while position + count < bytes.count, bytes[position + count] == byte { count += 1 }
                if !literal.isEmpty {
                    tokens.append(.literal(literal))
                    literal = []
                }
                tokens.append(try Self.field(byte, count: count, at: position, source: source))
                position += count
            } else {
                literal.append(byte)
                position += 1
            }
        }
        if !literal.isEmpty { tokens.append(.literal(literal)) }
        self.tokens = tokens
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// Reads `'text'` starting at the opening quote into `literal`; `''` is a quote, inside
    /// or outside quoted text. Returns the position after the closing quote.
    private static func quoted(
        _ bytes: [UInt8], from start: Int, into literal: inout [UInt8], source: String
    ) throws(DateFormatError) -> Int {
        let quote = UInt8(ascii: "'")
        if start + 1 < bytes.count, bytes[start + 1] == quote {
            literal.append(quote)
            return start + 2
        }
        var position = start + 1
        while position < bytes.count {
            if bytes[position] == quote {
                if position + 1 < bytes.count, bytes[position + 1] == quote {
                    literal.append(quote)
                    position += 2
                    continue
                }
                return position + 1
            }
            literal.append(bytes[position])
            position += 1
        }
        throw DateFormatError(
            message: "unclosed quote at byte \(start) in date format '\(source)'; write '' for a literal quote")
    }

    /// The token for `count` repetitions of `letter`.
    private static func field(_ letter: UInt8, count: Int, at offset: Int, source: String) throws(DateFormatError) -> Token {
        let token: Token?
        switch (Unicode.Scalar(letter), count) {
        case ("y", 2): token = .number(.twoDigitYear, minDigits: 2, maxDigits: 2)
        case ("y", 4): token = .number(.year, minDigits: 4, maxDigits: 4)
        case ("y", 1), ("y", 3): token = .number(.year, minDigits: 1, maxDigits: 4)
        case ("M", 1...2), ("L", 1...2): token = .number(.month, minDigits: 1, maxDigits: 2)
        case ("M", 3), ("L", 3): token = .monthName(full: false)
        case ("M", 4), ("L", 4): token = .monthName(full: true)
        case ("d", 1...2): token = .number(.day, minDigits: 1, maxDigits: 2)
        case ("H", 1...2): token = .number(.hour(.h0to23), minDigits: 1, maxDigits: 2)
        case ("h", 1...2): token = .number(.hour(.h1to12), minDigits: 1, maxDigits: 2)
        case ("K", 1...2): token = .number(.hour(.h0to11), minDigits: 1, maxDigits: 2)
        case ("k", 1...2): token = .number(.hour(.h1to24), minDigits: 1, maxDigits: 2)
        case ("m", 1...2): token = .number(.minute, minDigits: 1, maxDigits: 2)
        case ("s", 1...2): token = .number(.second, minDigits: 1, maxDigits: 2)
        case ("E", 1...3), ("c", 3): token = .weekdayName(full: false)
        case ("E", 4), ("c", 4): token = .weekdayName(full: true)
        case ("S", _): token = .fraction(digits: count)
        case ("a", 1...3): token = .dayPeriod
        case ("Z", 1...3): token = .offset(notations: [.hoursMinutes], allowsZ: false)
        case ("Z", 4): token = .gmtOffset
        case ("Z", 5), ("X", 3): token = .offset(notations: [.hoursColonMinutes], allowsZ: true)
        case ("X", 1): token = .offset(notations: [.hoursMinutes, .hours], allowsZ: true)
        case ("X", 2): token = .offset(notations: [.hoursMinutes], allowsZ: true)
        case ("x", 1): token = .offset(notations: [.hoursMinutes, .hours], allowsZ: false)
        case ("x", 2): token = .offset(notations: [.hoursMinutes], allowsZ: false)
        case ("x", 3): token = .offset(notations: [.hoursColonMinutes], allowsZ: false)
        case ("z", 1...4): token = .utcName
        default: token = nil
        }
        if let token { return token }
        let letterText = String(Unicode.Scalar(letter))
        let run = String(repeating: letterText, count: count)
        if "yMLdHhKkmsEcaZXxz".contains(letterText) {
            throw DateFormatError(
                message: "'\(run)' at byte \(offset) in date format '\(source)' is not supported; "
                    + "see the pattern letters in SEMANTICS S81")
        }
        throw DateFormatError(
            message: "unknown pattern letter '\(letterText)' at byte \(offset) in date format '\(source)'; "
                + "quote literal text, as in 'T' or 'at'")
    }
}

extension TR35Pattern {
    /// The TR35 pattern a strftime pattern (`%d/%m/%Y`, Python's and C's) means, or nil when
    /// `source` has no `%` directive: the usual mistake, which the letters alone would report
    /// as a puzzling "unknown pattern letter 'Y'".
    static func fromStrftime(_ source: String) -> String? {
        let directives: [Character: String] = [
            "d": "dd", "e": "d", "m": "MM", "Y": "yyyy", "y": "yy", "H": "HH", "I": "hh", "M": "mm", "S": "ss",
            "p": "a", "b": "MMM", "h": "MMM", "B": "MMMM", "a": "EEE", "A": "EEEE", "z": "xx", "Z": "z", "f": "SSSSSS",
        ]
        var result = ""
        var sawDirective = false
        var characters = source.makeIterator()
        while let character = characters.next() {
            guard character == "%" else {
                result += character.isLetter ? "'\(character)'" : String(character)
                continue
            }
            guard let directive = characters.next(), let pattern = directives[directive] else { return nil }
            result += pattern
            sawDirective = true
        }
        return sawDirective ? result : nil
    }
}
