extension TR35Pattern {
    /// The fields read from text, before they are checked and combined.
    struct Reading: Sendable {
        var year = 1970, month = 1, day = 1
        var hour = 0
        var hourStyle = HourStyle.h0to23
        var minute = 0, second = 0, millisecond = 0
        var isPM: Bool?
        var offsetSeconds: Int?
    }

    /// Reads trimmed `text`, which must match the whole pattern (SEMANTICS S81).
    ///
    /// Numeric fields are lenient (`M` reads `1` or `11`), so abutting fields such as `Hmm`
    /// can split digits several ways: every split is tried, longest first, and the first one
    /// that also names a valid date and time wins. When splits match but none is valid, the
    /// first one's problem is reported (`hour 25`), which says more than "does not match".
    func fields(_ text: Substring) throws(DateReadError) -> LocalDateTime {
        let bytes = Array(text.utf8)
        var firstError: DateReadError?
        var result: LocalDateTime?
        var budget = Self.matchBudget
        _ = match(0, 0, Reading(), bytes, &budget) { reading in
            switch resolve(reading, text: text) {
            case .success(let local):
                result = local
                return true
            case .failure(let error):
                if firstError == nil { firstError = error }
                return false
            }
        }
        if let result { return result }
        throw firstError ?? DateReadError(message: "\(DateText.quote(text)) does not match pattern '\(source)'")
    }

    /// Most token attempts for one text. Real patterns need a few dozen; a pattern of many
    /// abutting 1–2 digit fields could otherwise take exponential time on hostile digits.
    static let matchBudget = 10_000

    /// Tries every way tokens `index...` can match `bytes[position...]`, calling `accept` at
    /// each full match until it returns `true`.
    private func match(
        _ index: Int, _ position: Int, _ reading: Reading, _ bytes: [UInt8], _ budget: inout Int,
        _ accept: (Reading) -> Bool
    ) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        guard index < tokens.count else { return position == bytes.count && accept(reading) }
        let next = index + 1
        var reading = reading
        switch tokens[index] {
        case .literal(let literal):
            guard bytes.count - position >= literal.count,
                bytes[position..<position + literal.count].elementsEqual(literal)
            else { return false }
            return match(next, position + literal.count, reading, bytes, &budget, accept)

        case .number(let field, let minDigits, let maxDigits):
            let available = min(maxDigits, DateText.digitRun(bytes, from: position))
            guard available >= minDigits else { return false }
            for count in stride(from: available, through: minDigits, by: -1) {
                guard let value = DateText.digits(bytes, at: position, count: count) else { continue }
                Self.set(field, value, in: &reading)
                if match(next, position + count, reading, bytes, &budget, accept) { return true }
            }
            return false

        case .fraction(let digits):
            guard DateText.digitRun(bytes, from: position) >= digits else { return false }
            reading.millisecond = DateText.milliseconds(fraction: bytes[position..<position + digits])
            return match(next, position + digits, reading, bytes, &budget, accept)

        case .monthName(let full):
            for (number, names) in EnglishNames.months.enumerated() {
                let name = full ? names.full : names.abbreviation
                guard DateText.hasPrefix(bytes, at: position, caseInsensitive: name) else { continue }
                reading.month = number + 1
                if match(next, position + name.count, reading, bytes, &budget, accept) { return true }
            }
            return false

        case .weekdayName(let full):
            for names in EnglishNames.weekdays {
                let name = full ? names.full : names.abbreviation
                guard DateText.hasPrefix(bytes, at: position, caseInsensitive: name) else { continue }
                if match(next, position + name.count, reading, bytes, &budget, accept) { return true }
            }
            return false

        case .dayPeriod:
            for (word, isPM) in EnglishNames.dayPeriods {
                guard DateText.hasPrefix(bytes, at: position, caseInsensitive: word) else { continue }
                reading.isPM = isPM
                if match(next, position + word.count, reading, bytes, &budget, accept) { return true }
            }
            return false

        case .offset(let notations, let allowsZ):
            if allowsZ, position < bytes.count, DateText.lower(bytes[position]) == UInt8(ascii: "z") {
                reading.offsetSeconds = 0
                if match(next, position + 1, reading, bytes, &budget, accept) { return true }
            }
            for notation in notations {
                guard let found = notation.read(bytes, at: position) else { continue }
                reading.offsetSeconds = found.seconds
                if match(next, found.end, reading, bytes, &budget, accept) { return true }
            }
            return false

        case .gmtOffset:
            guard DateText.hasPrefix(bytes, at: position, caseInsensitive: Array("GMT".utf8)) else { return false }
            if let found = OffsetNotation.hoursColonMinutes.read(bytes, at: position + 3) {
                reading.offsetSeconds = found.seconds
                if match(next, found.end, reading, bytes, &budget, accept) { return true }
            }
            reading.offsetSeconds = 0
            return match(next, position + 3, reading, bytes, &budget, accept)

        case .utcName:
            reading.offsetSeconds = 0
            for name in ["UTC", "GMT", "Z"] {
                let word = Array(name.utf8)
                guard DateText.hasPrefix(bytes, at: position, caseInsensitive: word) else { continue }
                if match(next, position + word.count, reading, bytes, &budget, accept) { return true }
            }
            return false
        }
    }

    private static func set(_ field: NumberField, _ value: Int, in reading: inout Reading) {
        switch field {
        case .year: reading.year = value
        case .twoDigitYear: reading.year = 2000 + value
        case .month: reading.month = value
        case .day: reading.day = value
        case .minute: reading.minute = value
        case .second: reading.second = value
        case .hour(let style):
            reading.hour = value
            reading.hourStyle = style
        }
    }
}

/// The English names S81 reads, as bytes for case-insensitive matching.
enum EnglishNames {
    static let months: [(full: [UInt8], abbreviation: [UInt8])] = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ].map { (Array($0.utf8), Array($0.prefix(3).utf8)) }

    static let weekdays: [(full: [UInt8], abbreviation: [UInt8])] = [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ].map { (Array($0.utf8), Array($0.prefix(3).utf8)) }

    /// Longer spellings first, so `a.m.` is not read as `a` followed by `.m.`.
    static let dayPeriods: [(word: [UInt8], isPM: Bool)] = [
        (Array("a.m.".utf8), false), (Array("p.m.".utf8), true),
        (Array("am".utf8), false), (Array("pm".utf8), true),
    ]
}
