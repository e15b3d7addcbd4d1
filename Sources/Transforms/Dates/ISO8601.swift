/// ISO-8601 date and time text as SEMANTICS S80 defines it.
///
/// Two forms, trimmed: extended `YYYY-MM-DD[(T|t| )HH:MM[:SS[(.|,)digits]]]` and basic
/// `YYYYMMDD[THHMM[SS[(.|,)digits]]]`, each followed by an optional offset (`Z`, `z`, `±HH`,
/// `±HHMM`, `±HH:MM`) that may come after white space. Written by hand over bytes because
/// Foundation's ISO parsers accept a different set (no `,` fraction, no space before the
/// offset) and we must accept exactly this one.
public enum ISO8601 {
    /// The instant the text denotes, or `nil` when it is not S80 text, names a day that does
    /// not exist (`2026-02-30`), or lies outside years 0000–9999.
    ///
    /// - Parameter zone: applies when the text has no offset; `nil` means UTC.
    public static func parse(_ text: String, zone: TimeZoneRules?) -> Instant? {
        try? read(text, zone: zone ?? .utc)
    }

    /// `parse` with the reason for a failure, for the `date` step and field type.
    static func read(_ text: String, zone: TimeZoneRules) throws(DateReadError) -> Instant {
        let trimmed = DateText.trim(text)
        let local = try fields(Array(trimmed.utf8), text: trimmed)
        guard let instant = local.instant(in: zone) else {
            throw DateReadError(message: "\(DateText.quote(trimmed)) is outside years 0000–9999")
        }
        return instant
    }

    /// The date, time and offset of trimmed S80 text.
    static func fields(_ bytes: [UInt8], text: Substring) throws(DateReadError) -> LocalDateTime {
        var scanner = ISO8601Scanner(bytes: bytes)
        guard let parts = scanner.scan() else {
            throw DateReadError(
                message: "\(DateText.quote(text)) is not an ISO-8601 date; expected YYYY-MM-DD, "
                    + "optionally with THH:MM[:SS[.fff]] and an offset such as Z or +01:00")
        }
        let date = CivilDate(year: parts.year, month: parts.month, day: parts.day)
        guard date.isValid else {
            throw DateReadError(message: "\(DateText.quote(text)) is not a valid date")
        }
        guard parts.hour <= 23, parts.minute <= 59, parts.second <= 59 else {
            throw DateReadError(
                message: "\(DateText.quote(text)) is not a valid time; hours are 00–23, minutes and seconds 00–59")
        }
        return LocalDateTime(
            date: date, hour: parts.hour, minute: parts.minute, second: parts.second,
            millisecond: parts.millisecond, offsetSeconds: parts.offsetSeconds)
    }
}

/// The S80 grammar over bytes; range checks are left to `ISO8601.fields` for better messages.
private struct ISO8601Scanner {
    struct Parts {
        var year = 0, month = 0, day = 0
        var hour = 0, minute = 0, second = 0, millisecond = 0
        var offsetSeconds: Int?
    }

    let bytes: [UInt8]
    var position = 0
    var parts = Parts()

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func scan() -> Parts? {
        guard let year = number(4) else { return nil }
        parts.year = year
        let extended = take("-")
        guard let month = number(2), !extended || take("-"), let day = number(2) else { return nil }
        parts.month = month
        parts.day = day
        if startsTime(extended: extended) {
            guard time(extended: extended) else { return nil }
        }
        return offset() ? parts : nil
    }

    /// Whether a time follows: `T`/`t` (either form) or, in the extended form, a space and a digit.
    private mutating func startsTime(extended: Bool) -> Bool {
        guard position < bytes.count else { return false }
        let byte = bytes[position]
        if byte == UInt8(ascii: "T") || byte == UInt8(ascii: "t") {
            position += 1
            return true
        }
        if extended, byte == UInt8(ascii: " "), position + 1 < bytes.count, DateText.isDigit(bytes[position + 1]) {
            position += 1
            return true
        }
        return false
    }

    private mutating func time(extended: Bool) -> Bool {
        guard let hour = number(2), !extended || take(":"), let minute = number(2) else { return false }
        parts.hour = hour
        parts.minute = minute
        let hasSeconds = extended ? take(":") : DateText.digitRun(bytes, from: position) >= 2
        guard hasSeconds else { return true }
        guard let second = number(2) else { return false }
        parts.second = second
        if take(".") || take(",") {
            let count = DateText.digitRun(bytes, from: position)
            guard count > 0 else { return false }
            parts.millisecond = DateText.milliseconds(fraction: bytes[position..<position + count])
            position += count
        }
        return true
    }

    /// An optional offset after optional white space, then the end of the text.
    private mutating func offset() -> Bool {
        while position < bytes.count, DateText.isSpace(bytes[position]) { position += 1 }
        guard position < bytes.count else { return true }
        if bytes[position] == UInt8(ascii: "Z") || bytes[position] == UInt8(ascii: "z") {
            parts.offsetSeconds = 0
            position += 1
        } else {
            let notations: [OffsetNotation] = [.hoursColonMinutes, .hoursMinutes, .hours]
            var found: (seconds: Int, end: Int)?
            for notation in notations where found == nil { found = readOffset(notation) }
            guard let found else { return false }
            parts.offsetSeconds = found.seconds
            position = found.end
        }
        return position == bytes.count
    }

    private func readOffset(_ notation: OffsetNotation) -> (seconds: Int, end: Int)? {
        guard let found = notation.read(bytes, at: position), found.end == bytes.count else { return nil }
        return found
    }

    private mutating func number(_ count: Int) -> Int? {
        guard let value = DateText.digits(bytes, at: position, count: count) else { return nil }
        position += count
        return value
    }

    private mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }
}
