/// A date and wall-clock time read from text, before it is placed on the timeline.
///
/// Both readers (ISO-8601 and TR35 patterns) produce this, so the rules that follow reading
/// — an offset in the text wins over the `timezone` option, else that zone, else UTC
/// (SEMANTICS S80, S81) — live in one place.
struct LocalDateTime: Sendable, Hashable {
    var date: CivilDate
    /// Milliseconds since local midnight, 0..<86_400_000.
    var millisecondOfDay: Int64
    /// The UTC offset written in the text, in seconds east of Greenwich.
    var offsetSeconds: Int?

    init(date: CivilDate, hour: Int, minute: Int, second: Int, millisecond: Int, offsetSeconds: Int?) {
        self.date = date
        millisecondOfDay = Int64(((hour * 60 + minute) * 60 + second) * 1000 + millisecond)
        self.offsetSeconds = offsetSeconds
    }

    /// The instant: the text's own offset if it had one, else local time in `zone`; `nil`
    /// when that falls outside years 0000–9999.
    func instant(in zone: TimeZoneRules) -> Instant? {
        let local = date.daysSinceEpoch * 86_400_000 + millisecondOfDay
        if let offsetSeconds {
            return Instant.representable(local - Int64(offsetSeconds) * 1000)
        }
        return Instant.representable(zone.instant(localMilliseconds: local).millisecondsSinceEpoch)
    }
}

/// The UTC offset notations of SEMANTICS S80 and S81, read at a position in the text.
enum OffsetNotation: Sendable, Hashable {
    /// `±HH`.
    case hours
    /// `±HHMM`.
    case hoursMinutes
    /// `±HH:MM`.
    case hoursColonMinutes

    /// The offset in seconds and the position after it, when `bytes[position...]` starts with
    /// this notation. Hours are 0–23 and minutes 0–59.
    func read(_ bytes: [UInt8], at position: Int) -> (seconds: Int, end: Int)? {
        guard position < bytes.count else { return nil }
        let sign: Int
        switch bytes[position] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        guard let hours = DateText.digits(bytes, at: position + 1, count: 2), hours <= 23 else { return nil }
        var minutes = 0
        var end = position + 3
        switch self {
        case .hours:
            break
        case .hoursMinutes:
            guard let value = DateText.digits(bytes, at: end, count: 2) else { return nil }
            minutes = value
            end += 2
        case .hoursColonMinutes:
            guard end < bytes.count, bytes[end] == UInt8(ascii: ":"),
                let value = DateText.digits(bytes, at: end + 1, count: 2)
            else { return nil }
            minutes = value
            end += 3
        }
        guard minutes <= 59 else { return nil }
        return (sign * (hours * 3600 + minutes * 60), end)
    }
}
