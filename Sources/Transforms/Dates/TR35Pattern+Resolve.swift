extension TR35Pattern {
    /// Checks the fields read from `text` and combines them into a date and time (SEMANTICS
    /// S81 notes): hour ranges per letter, `a` for `h` and `K`, no second 60, a real date.
    ///
    /// As in ICU, `h` without `a` reads 12 as 0 (morning), `a` has no effect on `H` and `k`,
    /// and fields the pattern lacks default to 1970-01-01 00:00:00.000.
    func resolve(_ reading: Reading, text: Substring) -> Result<LocalDateTime, DateReadError> {
        let quoted = DateText.quote(text)
        let date = CivilDate(year: reading.year, month: reading.month, day: reading.day)
        guard date.isValid else {
            return .failure(DateReadError(message: "\(quoted) is not a valid date"))
        }
        let hour: Int
        switch reading.hourStyle {
        case .h0to23:
            guard reading.hour <= 23 else { return .failure(timeError(quoted, "hour \(reading.hour) is outside 0–23")) }
            hour = reading.hour
        case .h1to24:
            guard (1...24).contains(reading.hour) else {
                return .failure(timeError(quoted, "hour \(reading.hour) is outside 1–24 for 'k'"))
            }
            hour = reading.hour % 24
        case .h1to12:
            guard (1...12).contains(reading.hour) else {
                return .failure(timeError(quoted, "hour \(reading.hour) is outside 1–12 for 'h'"))
            }
            hour = reading.hour % 12 + (reading.isPM == true ? 12 : 0)
        case .h0to11:
            guard reading.hour <= 11 else {
                return .failure(timeError(quoted, "hour \(reading.hour) is outside 0–11 for 'K'"))
            }
            hour = reading.hour + (reading.isPM == true ? 12 : 0)
        }
        guard reading.minute <= 59 else {
            return .failure(timeError(quoted, "minute \(reading.minute) is outside 0–59"))
        }
        guard reading.second <= 59 else {
            return .failure(timeError(quoted, "second \(reading.second) is outside 0–59"))
        }
        return .success(
            LocalDateTime(
                date: date, hour: hour, minute: reading.minute, second: reading.second,
                millisecond: reading.millisecond, offsetSeconds: reading.offsetSeconds))
    }

    private func timeError(_ quoted: String, _ detail: String) -> DateReadError {
        DateReadError(message: "\(quoted) is not a valid time: \(detail)")
    }
}
