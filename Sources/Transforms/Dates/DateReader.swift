/// Turns text or numbers into instants: the `date` step (SEMANTICS S48) and the `date` field
/// type (S65).
///
/// Built once per step when the mapper loads, so the format's pattern is compiled and its
/// time zone looked up before any payload arrives; `read` then does only the parsing.
public struct DateReader: Sendable {
    enum Mode: Sendable {
        case iso8601
        case epochSeconds
        case epochMilliseconds
        case pattern(TR35Pattern)
    }

    let mode: Mode
    let zone: TimeZoneRules

    /// A reader for `format` in `timezone`.
    ///
    /// - Parameters:
    ///   - format: `nil`, `iso8601`, `iso-8601`, `iso` or `rfc3339` (any case) for ISO-8601
    ///     (S80); `epoch` for seconds and `epoch_ms` for milliseconds (also any case); anything
    ///     else is a TR35 pattern (S81), compiled now.
    ///   - timezone: an IANA zone name applied to text without an offset; `nil` means UTC.
    /// - Throws: `DateFormatError` for an unknown zone or a pattern S81 does not allow.
    public init(format: String?, timezone: String?) throws(DateFormatError) {
        switch format?.lowercased() {
        case nil, "iso8601", "iso-8601", "iso", "rfc3339": mode = .iso8601
        case "epoch": mode = .epochSeconds
        case "epoch_ms": mode = .epochMilliseconds
        default: mode = .pattern(try TR35Pattern(format ?? ""))
        }
        if let timezone {
            guard let rules = TimeZoneRules(identifier: timezone) else {
                throw DateFormatError(
                    message: "unknown time zone '\(timezone)'; use an IANA name such as 'Europe/Paris' or 'UTC'")
            }
            zone = rules
        } else {
            zone = .utc
        }
    }

    /// The instant for `value` (S48).
    ///
    /// An instant passes through unchanged. A string is trimmed and read per the format. A
    /// number is an error in ISO and pattern mode; in epoch mode a number or numeric string
    /// counts seconds (or milliseconds), floored to the millisecond. Values outside years
    /// 0000–9999 are errors. The caller handles "no value" (S59) before calling: here `""`,
    /// `null`, lists and objects are errors.
    public func read(_ value: JSON) throws(DateReadError) -> Instant {
        switch (value, mode) {
        case (.instant(let instant), _):
            return instant
        case (.number(let number), .epochSeconds):
            return try EpochValue.instant(number, millisecondsPerUnit: 1000)
        case (.number(let number), .epochMilliseconds):
            return try EpochValue.instant(number, millisecondsPerUnit: 1)
        case (.number, _):
            throw DateReadError(message: "a number cannot be read as date text; use 'date: epoch' or 'date: epoch_ms'")
        case (.string(let string), .epochSeconds):
            return try EpochValue.instant(text: DateText.trim(string), millisecondsPerUnit: 1000)
        case (.string(let string), .epochMilliseconds):
            return try EpochValue.instant(text: DateText.trim(string), millisecondsPerUnit: 1)
        case (.string(let string), .iso8601):
            return try ISO8601.read(string, zone: zone)
        case (.string(let string), .pattern(let pattern)):
            let trimmed = DateText.trim(string)
            guard let instant = try pattern.fields(trimmed).instant(in: zone) else {
                throw DateReadError(message: "\(DateText.quote(trimmed)) is outside years 0000–9999")
            }
            return instant
        default:
            throw DateReadError(message: "expected date text or a number, got \(value.kindName)")
        }
    }

    /// The `date` field type (S65): an instant unchanged, a string as ISO-8601 (UTC when it
    /// has no offset), a number as epoch seconds floored to the millisecond.
    public static func coerce(_ value: JSON) throws(DateReadError) -> Instant {
        switch value {
        case .instant(let instant):
            return instant
        case .string(let string):
            return try ISO8601.read(string, zone: .utc)
        case .number(let number):
            return try EpochValue.instant(number, millisecondsPerUnit: 1000)
        default:
            throw DateReadError(message: "expected a date (ISO-8601 text or epoch seconds), got \(value.kindName)")
        }
    }
}
