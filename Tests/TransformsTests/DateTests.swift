import Foundation
import Testing

@testable import Transforms

/// Reads `value` with a `date` step of `format` / `timezone`; the instant as RFC 3339, or `nil`
/// when reading fails. The reader itself must build.
private func read(_ value: JSON, _ format: String? = nil, zone: String? = nil) throws -> String? {
    let reader = try DateReader(format: format, timezone: zone)
    return try? reader.read(value).rfc3339
}

/// The message of the error reading `value`, or `nil` when it reads.
private func failure(_ value: JSON, _ format: String? = nil, zone: String? = nil) throws -> String? {
    let reader = try DateReader(format: format, timezone: zone)
    do {
        _ = try reader.read(value)
        return nil
    } catch {
        return error.message
    }
}

/// The message of the error building a reader, or `nil` when it builds.
private func formatFailure(_ format: String?, zone: String? = nil) -> String? {
    do {
        _ = try DateReader(format: format, timezone: zone)
        return nil
    } catch {
        return error.message
    }
}

@Suite struct DateSemanticsExampleTests {
    /// Every row of the SEMANTICS S82 example table, verbatim.
    @Test(
        arguments: [
            ("11/28/2026 9:03:12", "M/d/yyyy H:mm:ss", "America/New_York", "2026-11-28T14:03:12Z"),
            ("28/11/2026 09:15:00", "dd/MM/yyyy HH:mm:ss", "Europe/Paris", "2026-11-28T08:15:00Z"),
            ("Sat, 28 Nov 2026 14:03:12 +0100", "EEE, dd MMM yyyy HH:mm:ss Z", nil, "2026-11-28T13:03:12Z"),
            ("28-11-26 02:03:12.5 PM", "dd-MM-yy hh:mm:ss.S a", nil, "2026-11-28T14:03:12.500Z"),
        ] as [(String, String, String?, String)])
    func patternRow(text: String, format: String, zone: String?, expected: String) throws {
        #expect(try read(.string(text), format, zone: zone) == expected)
    }

    @Test func epochRow() throws {
        #expect(try read(1764338592.25, "epoch") == "2025-11-28T14:03:12.250Z")
    }

    /// S82 prose: 02:30 on spring-forward day in America/New_York is 07:30Z.
    @Test func springForwardProse() throws {
        #expect(try read("2026-03-08 02:30", "yyyy-MM-dd HH:mm", zone: "America/New_York") == "2026-03-08T07:30:00Z")
    }
}

@Suite struct ISO8601Tests {
    @Test(arguments: [
        // S80 extended form, every separator and fraction mark.
        ("2026-11-28", "2026-11-28T00:00:00Z"),
        ("2026-11-28T14:03", "2026-11-28T14:03:00Z"),
        ("2026-11-28t14:03:12z", "2026-11-28T14:03:12Z"),
        ("2026-11-28 14:03:12,5+01", "2026-11-28T13:03:12.500Z"),
        ("2026-11-28T14:03:12.123456789 -0130", "2026-11-28T15:33:12.123Z"),
        ("2026-11-28T14:03:12.999999Z", "2026-11-28T14:03:12.999Z"),
        ("2026-11-28T14:03:12-05:00", "2026-11-28T19:03:12Z"),
        ("2026-11-28T14:03:12 \t Z", "2026-11-28T14:03:12Z"),
        ("  2026-11-28T14:03:12Z\n", "2026-11-28T14:03:12Z"),
        ("2024-02-29T00:00Z", "2024-02-29T00:00:00Z"),
        // S80 basic form.
        ("20261128", "2026-11-28T00:00:00Z"),
        ("20261128T1403", "2026-11-28T14:03:00Z"),
        ("20261128T140312Z", "2026-11-28T14:03:12Z"),
        ("20261128T140312.5+0100", "2026-11-28T13:03:12.500Z"),
        ("20261128t140312,25 -05", "2026-11-28T19:03:12.250Z"),
    ])
    func accepted(text: String, expected: String) throws {
        #expect(try read(.string(text)) == expected)
        #expect(ISO8601.parse(text, zone: nil)?.rfc3339 == expected)
    }

    @Test(arguments: [
        "", "2026", "2026-11", "2026-11-28T14", "2026/11/28", "2026-1-28", "2026-11-8",
        "26-11-28", "2026-11-28T1403", "20261128T14:03", "2026-1128", "202611-28",
        "2026-11-28T14:03:12.", "2026-11-28T14:03:12.Z", "2026-11-28T14:03+1", "2026-11-28T14:03+01:0",
        "2026-11-28T14:03+0100x", "2026-11-28T14:03:12Zjunk", "2026-11-28T14:03 Z Z", "2026-11-28X14:03",
        "2026-11-28T14:03:12+24:00", "2026-11-28T14:03:12+01:60", "2026-11-28T 14:03", "20261128T14031",
        "2026-11-28T14:03:12GMT", "２０２６-11-28",
    ])
    func rejected(text: String) throws {
        #expect(try read(.string(text)) == nil)
        #expect(ISO8601.parse(text, zone: nil) == nil)
    }

    @Test(arguments: [
        "2026-02-30", "2025-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-11-00", "20260230",
    ])
    func invalidCalendarDates(text: String) throws {
        #expect(try failure(.string(text)) == "'\(text)' is not a valid date")
    }

    @Test(arguments: ["2026-11-28T24:00", "2026-11-28T14:60", "2026-11-28T14:03:60", "20261128T250000"])
    func invalidTimes(text: String) throws {
        let message = try #require(try failure(.string(text)))
        #expect(message.contains("is not a valid time"))
    }

    /// S80: the zone applies only without an offset; a date alone is midnight in that zone.
    @Test func timezoneAppliesWithoutOffset() throws {
        #expect(try read("2026-11-28T10:00", "iso8601", zone: "Asia/Kolkata") == "2026-11-28T04:30:00Z")
        #expect(try read("2026-11-28", "ISO", zone: "Europe/Paris") == "2026-11-27T23:00:00Z")
        #expect(try read("2026-11-28T10:00Z", "rfc3339", zone: "Asia/Kolkata") == "2026-11-28T10:00:00Z")
        #expect(try read("2026-11-28T10:00+02:00", "Iso-8601", zone: "Asia/Kolkata") == "2026-11-28T08:00:00Z")
        let kolkata = try #require(TimeZoneRules(identifier: "Asia/Kolkata"))
        #expect(ISO8601.parse("2026-11-28T10:00", zone: kolkata)?.rfc3339 == "2026-11-28T04:30:00Z")
    }

    /// S48: in ISO mode a number is an error, not epoch seconds.
    @Test func numbersAreRejected() throws {
        #expect(try failure(1764338592) != nil)
        #expect(try failure(1764338592.5, "iso8601") != nil)
        #expect(try failure(.number(.bigInt("123456789012345678901234567890"))) != nil)
    }

    @Test func nonTextIsRejected() throws {
        for value: JSON in [true, nil, ["2026-11-28"], ["a": "2026-11-28"]] {
            let message = try #require(try failure(value))
            #expect(message.contains(value.kindName))
        }
    }

    @Test func instantsPassThrough() throws {
        let instant = Instant(millisecondsSinceEpoch: 123_456)
        for format in [nil, "epoch", "epoch_ms", "yyyy"] as [String?] {
            #expect(try DateReader(format: format, timezone: "Europe/Paris").read(.instant(instant)) == instant)
        }
    }

    @Test func longTextIsShortenedInMessages() throws {
        let message = try #require(try failure(.string(String(repeating: "x", count: 5000))))
        #expect(message.count < 200)
    }
}

@Suite struct TimeZoneRulesTests {
    private func local(_ zone: String, _ text: String) throws -> String? {
        try read(.string(text), "yyyy-MM-dd HH:mm", zone: zone)
    }

    /// S82: gaps read with the offset before the transition; overlaps give the earlier instant.
    /// New York 2026: EST→EDT at 2026-03-08 02:00 local, EDT→EST at 2026-11-01 02:00 local.
    @Test(arguments: [
        ("2026-03-08 01:59", "2026-03-08T06:59:00Z"),
        ("2026-03-08 02:00", "2026-03-08T07:00:00Z"),
        ("2026-03-08 02:30", "2026-03-08T07:30:00Z"),
        ("2026-03-08 03:00", "2026-03-08T07:00:00Z"),
        ("2026-11-01 00:59", "2026-11-01T04:59:00Z"),
        ("2026-11-01 01:00", "2026-11-01T05:00:00Z"),
        ("2026-11-01 01:30", "2026-11-01T05:30:00Z"),
        ("2026-11-01 02:00", "2026-11-01T07:00:00Z"),
        ("2026-07-04 12:00", "2026-07-04T16:00:00Z"),
        ("2026-01-15 12:00", "2026-01-15T17:00:00Z"),
    ])
    func newYork(text: String, expected: String) throws {
        #expect(try local("America/New_York", text) == expected)
    }

    /// Paris 2026: CET→CEST at 2026-03-29 02:00 local, CEST→CET at 2026-10-25 03:00 local.
    @Test(arguments: [
        ("2026-03-29 01:59", "2026-03-29T00:59:00Z"),
        ("2026-03-29 02:30", "2026-03-29T01:30:00Z"),
        ("2026-03-29 03:00", "2026-03-29T01:00:00Z"),
        ("2026-10-25 01:59", "2026-10-24T23:59:00Z"),
        ("2026-10-25 02:30", "2026-10-25T00:30:00Z"),
        ("2026-10-25 03:00", "2026-10-25T02:00:00Z"),
        ("2026-11-28 09:15", "2026-11-28T08:15:00Z"),
    ])
    func paris(text: String, expected: String) throws {
        #expect(try local("Europe/Paris", text) == expected)
    }

    /// Transitions that are not daylight saving: Samoa skipped 2011-12-30 (−10 → +14 at
    /// 10:00Z), Moscow fell back for good on 2014-10-26 (+4 → +3 at 2014-10-25 22:00Z).
    @Test func nonDSTTransitions() throws {
        #expect(try local("Pacific/Apia", "2011-12-30 12:00") == "2011-12-30T22:00:00Z")
        #expect(try local("Pacific/Apia", "2011-12-31 12:00") == "2011-12-30T22:00:00Z")
        #expect(try local("Pacific/Apia", "2011-12-29 12:00") == "2011-12-29T22:00:00Z")
        #expect(try local("Europe/Moscow", "2014-10-26 01:30") == "2014-10-25T21:30:00Z")
        #expect(try local("Europe/Moscow", "2014-10-27 01:30") == "2014-10-26T22:30:00Z")
    }

    @Test func utcAndUnknownZones() throws {
        #expect(TimeZoneRules.utc.instant(localMilliseconds: 1_000).millisecondsSinceEpoch == 1_000)
        #expect(TimeZoneRules(identifier: "Mars/Base") == nil)
        #expect(TimeZoneRules(identifier: "") == nil)
        #expect(TimeZoneRules(identifier: "america/new_york") == nil)
        let message = try #require(formatFailure(nil, zone: "Mars/Base"))
        #expect(message.contains("unknown time zone 'Mars/Base'"))
        #expect(formatFailure("epoch", zone: "Mars/Base") != nil)
        #expect(formatFailure("yyyy", zone: "Mars/Base") != nil)
    }

    @Test func localMillisecondsAreKept() throws {
        let newYork = try #require(TimeZoneRules(identifier: "America/New_York"))
        // 2026-03-08T02:30:00.123 local, in the gap: EST applies.
        let local: Int64 = 1_772_937_000_123
        #expect(newYork.instant(localMilliseconds: local).rfc3339 == "2026-03-08T07:30:00.123Z")
    }
}

@Suite struct TR35PatternTests {
    @Test(arguments: [
        // Lenient 1–2 digit fields (S81): `M/d` reads both `1/5` and `11/05`.
        ("1/5/2026", "M/d/yyyy", "2026-01-05T00:00:00Z"),
        ("11/05/2026", "M/d/yyyy", "2026-11-05T00:00:00Z"),
        ("11/5/2026 9:3:7", "MM/dd/yyyy HH:mm:ss", "2026-11-05T09:03:07Z"),
        // Years: yy is 2000+yy, y is 1–4 digits taken as written.
        ("28.11.26", "dd.MM.yy", "2026-11-28T00:00:00Z"),
        ("28.11.99", "dd.MM.yy", "2099-11-28T00:00:00Z"),
        ("28.11.2026", "dd.MM.y", "2026-11-28T00:00:00Z"),
        ("28.11.987", "dd.MM.y", "0987-11-28T00:00:00Z"),
        // Names in any case; weekdays are read but not checked against the date.
        ("NOVEMBER 28, 2026 at 2:03 p.m.", "MMMM d, yyyy 'at' h:mm a", "2026-11-28T14:03:00Z"),
        ("28 sep 2026", "dd MMM yyyy", "2026-09-28T00:00:00Z"),
        ("28 September 2026", "dd LLLL yyyy", "2026-09-28T00:00:00Z"),
        ("Monday, 28 Nov 2026", "EEEE, d MMM yyyy", "2026-11-28T00:00:00Z"),
        ("thu 28 Nov 2026", "ccc d LLL yyyy", "2026-11-28T00:00:00Z"),
        // Fractions: exactly as many digits as S, truncated to milliseconds.
        ("14:03:12.999999", "HH:mm:ss.SSSSSS", "1970-01-01T14:03:12.999Z"),
        ("14:03:12.04", "HH:mm:ss.SS", "1970-01-01T14:03:12.040Z"),
        // Day periods with h and K.
        ("12:00 AM", "h:mm a", "1970-01-01T00:00:00Z"),
        ("12:00 PM", "h:mm a", "1970-01-01T12:00:00Z"),
        ("12:30 a.m.", "hh:mm a", "1970-01-01T00:30:00Z"),
        ("11:59 pm", "h:mm a", "1970-01-01T23:59:00Z"),
        ("0:15 PM", "K:mm a", "1970-01-01T12:15:00Z"),
        ("11:15 am", "KK:mm aa", "1970-01-01T11:15:00Z"),
        ("9:15", "h:mm", "1970-01-01T09:15:00Z"),
        ("14:15 AM", "H:mm a", "1970-01-01T14:15:00Z"),
        // k is 1–24 and 24 means 0.
        ("2026-11-28 24:00", "yyyy-MM-dd kk:mm", "2026-11-28T00:00:00Z"),
        ("2026-11-28 1:00", "yyyy-MM-dd k:mm", "2026-11-28T01:00:00Z"),
        // Quoted literals; '' is a quote inside and outside quotes.
        ("2026-11-28T14:03:12.042 o'clock", "yyyy-MM-dd'T'HH:mm:ss.SSS 'o''clock'", "2026-11-28T14:03:12.042Z"),
        ("28'11'2026", "dd''MM''yyyy", "2026-11-28T00:00:00Z"),
        ("day 28 of 11/2026", "'day' d 'of' M/yyyy", "2026-11-28T00:00:00Z"),
        ("[2026|11|28]", "[yyyy|MM|dd]", "2026-11-28T00:00:00Z"),
        // Abutting numeric fields, including splits the greedy reading gets wrong.
        ("202611281403", "yyyyMMddHHmm", "2026-11-28T14:03:00Z"),
        ("930", "Hmm", "1970-01-01T09:30:00Z"),
        ("1130", "Hmm", "1970-01-01T11:30:00Z"),
        // Trimmed before matching.
        ("  28/11/2026 \n", "dd/MM/yyyy", "2026-11-28T00:00:00Z"),
    ])
    func accepted(text: String, format: String, expected: String) throws {
        #expect(try read(.string(text), format) == expected)
    }

    @Test(arguments: [
        // Offsets: each letter count reads exactly its S81 notations.
        ("10:00 +0130", "HH:mm Z", "1970-01-01T08:30:00Z"),
        ("10:00 -0500", "HH:mm ZZZ", "1970-01-01T15:00:00Z"),
        ("10:00 GMT", "HH:mm ZZZZ", "1970-01-01T10:00:00Z"),
        ("10:00 GMT+01:00", "HH:mm ZZZZ", "1970-01-01T09:00:00Z"),
        ("10:00 Z", "HH:mm ZZZZZ", "1970-01-01T10:00:00Z"),
        ("10:00 -01:00", "HH:mm ZZZZZ", "1970-01-01T11:00:00Z"),
        ("10:00 Z", "HH:mm X", "1970-01-01T10:00:00Z"),
        ("10:00 +01", "HH:mm X", "1970-01-01T09:00:00Z"),
        ("10:00 +0130", "HH:mm X", "1970-01-01T08:30:00Z"),
        ("10:00 Z", "HH:mm XX", "1970-01-01T10:00:00Z"),
        ("10:00 +0130", "HH:mm XX", "1970-01-01T08:30:00Z"),
        ("10:00 +01:30", "HH:mm XXX", "1970-01-01T08:30:00Z"),
        ("10:00 +01", "HH:mm x", "1970-01-01T09:00:00Z"),
        ("10:00 +0130", "HH:mm xx", "1970-01-01T08:30:00Z"),
        ("10:00 +01:30", "HH:mm xxx", "1970-01-01T08:30:00Z"),
        ("10:00 UTC", "HH:mm z", "1970-01-01T10:00:00Z"),
        ("10:00 gmt", "HH:mm z", "1970-01-01T10:00:00Z"),
        ("10:00 Z", "HH:mm z", "1970-01-01T10:00:00Z"),
        ("10:00+01:00", "HH:mmXXX", "1970-01-01T09:00:00Z"),
    ])
    func offsets(text: String, format: String, expected: String) throws {
        #expect(try read(.string(text), format) == expected)
    }

    @Test(arguments: [
        ("10:00 Z", "HH:mm Z"), ("10:00 +01:00", "HH:mm Z"), ("10:00 +01", "HH:mm Z"),
        ("10:00 UTC", "HH:mm ZZZZ"), ("10:00 GMT+0100", "HH:mm ZZZZ"), ("10:00 +0100", "HH:mm XXX"),
        ("10:00 +01", "HH:mm XX"), ("10:00 Z", "HH:mm x"), ("10:00 Z", "HH:mm xx"), ("10:00 Z", "HH:mm xxx"),
        ("10:00 EST", "HH:mm z"), ("10:00 +0100", "HH:mm z"), ("10:00 +2400", "HH:mm Z"),
        ("10:00 +0160", "HH:mm Z"),
    ])
    func offsetsRejected(text: String, format: String) throws {
        #expect(try read(.string(text), format) == nil)
    }

    /// S81: an offset in the text wins over `timezone`; without one the zone applies.
    @Test func offsetWinsOverTimezone() throws {
        let format = "yyyy-MM-dd HH:mm XXX"
        #expect(try read("2026-11-28 10:00 +01:00", format, zone: "Asia/Tokyo") == "2026-11-28T09:00:00Z")
        #expect(try read("2026-11-28 10:00", "yyyy-MM-dd HH:mm", zone: "Asia/Tokyo") == "2026-11-28T01:00:00Z")
        #expect(try read("2026-11-28 10:00", format, zone: "Asia/Tokyo") == nil)
    }

    @Test(arguments: [
        ("2026-11-28 10:00 extra", "yyyy-MM-dd HH:mm"), ("2026-11-28", "yyyy-MM-dd HH:mm"),
        ("26-11-28", "yyyy-MM-dd"), ("20261-11-28", "yyyy-MM-dd"), ("2026-111-28", "yyyy-MM-dd"),
        ("28.11.2026", "dd.MM.yy"), ("28.11.6", "dd.MM.yy"), ("28.11.20261", "dd.MM.y"),
        ("14:03:12.5", "HH:mm:ss.SSS"), ("14:03:12.5", "HH:mm:ssSSS"),
        ("28 Novem 2026", "dd MMM yyyy"), ("28 Nov 2026", "dd MMMM yyyy"), ("Sa 28", "EEE d"),
        ("9:15 XM", "h:mm a"), ("9:15", "h:mm a"), ("2026-11-28T10:00", "yyyy-MM-dd HH:mm"),
        ("2026-11-28 10.00", "yyyy-MM-dd HH:mm"), ("x", "M/d/yyyy"), ("+1/5/2026", "M/d/yyyy"),
        ("28 november 2026", "dd 'November' yyyy"),
    ])
    func noMatch(text: String, format: String) throws {
        let message = try #require(try failure(.string(text), format))
        #expect(message == "'\(text)' does not match pattern '\(format)'")
    }

    @Test(arguments: [
        ("2026-02-30", "yyyy-MM-dd"), ("2025-02-29", "yyyy-MM-dd"), ("2026-13-01", "yyyy-MM-dd"),
        ("2026-00-01", "yyyy-MM-dd"), ("31 Apr 2026", "d MMM yyyy"), ("0/0/2026", "M/d/yyyy"),
    ])
    func invalidDates(text: String, format: String) throws {
        #expect(try failure(.string(text), format) == "'\(text)' is not a valid date")
    }

    @Test(arguments: [
        ("24:00", "HH:mm", "hour 24"), ("25:00", "H:mm", "hour 25"), ("0:00", "k:mm", "hour 0"),
        ("25:00", "kk:mm", "hour 25"), ("13:00 PM", "h:mm a", "hour 13"), ("0:00 AM", "h:mm a", "hour 0"),
        ("12:00 PM", "K:mm a", "hour 12"), ("10:60", "HH:mm", "minute 60"), ("10:00:60", "HH:mm:ss", "second 60"),
        ("10:00:99", "HH:mm:ss", "second 99"),
    ])
    func invalidTimes(text: String, format: String, detail: String) throws {
        let message = try #require(try failure(.string(text), format))
        #expect(message.hasPrefix("'\(text)' is not a valid time: \(detail) "))
    }

    /// S48 and S81: patterns read text; a number is an error.
    @Test func numbersAreRejected() throws {
        #expect(try failure(20261128, "yyyyMMdd") != nil)
        #expect(try read("20261128", "yyyyMMdd") == "2026-11-28T00:00:00Z")
    }

    /// S81: letters without a meaning there are mapper errors, raised when the reader is built.
    @Test(arguments: ["yyyy-Q", "w", "D", "G yyyy", "yyyy-MM-dd e", "u", "A", "n", "VV", "O", "W", "F", "g", "B"])
    func unknownLettersAreRejected(format: String) throws {
        let message = try #require(formatFailure(format))
        #expect(message.hasPrefix("unknown pattern letter '"))
        #expect(message.contains(format))
    }

    @Test func unknownLetterMessageNamesLetterAndOffset() throws {
        #expect(formatFailure("yyyy-Q")?.hasPrefix("unknown pattern letter 'Q' at byte 5 in date format 'yyyy-Q'") == true)
    }

    @Test(arguments: [
        "yyyyy", "MMMMM", "ddd", "HHH", "hhh", "mmm", "sss", "EEEEE", "c", "cc", "aaaa", "ZZZZZZ",
        "XXXX", "xxxx", "zzzzz", "kkk", "KKK", "LLLLL",
    ])
    func unsupportedCountsAreRejected(format: String) throws {
        let message = try #require(formatFailure(format))
        #expect(message.contains("is not supported"))
    }

    @Test(arguments: ["yyyy 'at", "'", "HH 'o''clock"])
    func unclosedQuotesAreRejected(format: String) throws {
        let message = try #require(formatFailure(format))
        #expect(message.hasPrefix("unclosed quote"))
    }

    @Test func emptyFormatIsRejected() {
        #expect(formatFailure("") != nil)
    }

    @Test func quotedLettersAreNotFields() throws {
        #expect(formatFailure("'Quarter' yyyy") == nil)
        #expect(try read("Quarter 2026", "'Quarter' yyyy") == "2026-01-01T00:00:00Z")
    }
}

@Suite struct EpochTests {
    @Test(
        arguments: [
            (JSON.number(.int(1764338592)), "epoch", "2025-11-28T14:03:12Z"),
            ("1764338592", "epoch", "2025-11-28T14:03:12Z"),
            (" 1764338592.25 ", "epoch", "2025-11-28T14:03:12.250Z"),
            (1764338592.25, "EPOCH", "2025-11-28T14:03:12.250Z"),
            (1.001, "epoch", "1970-01-01T00:00:01.001Z"),
            (0.0001, "epoch", "1970-01-01T00:00:00Z"),
            (-1.5, "epoch", "1969-12-31T23:59:58.500Z"),
            (-0.0001, "epoch", "1969-12-31T23:59:59.999Z"),
            ("-0.0001", "epoch", "1969-12-31T23:59:59.999Z"),
            ("1.76433859225e9", "epoch", "2025-11-28T14:03:12.250Z"),
            ("+17643385.92E2", "epoch", "2025-11-28T14:03:12Z"),
            (".5", "epoch", "1970-01-01T00:00:00.500Z"),
            ("0", "epoch", "1970-01-01T00:00:00Z"),
            ("253402300799", "epoch", "9999-12-31T23:59:59Z"),
            ("-62167219200", "epoch", "0000-01-01T00:00:00Z"),
            (1764338592999.9, "epoch_ms", "2025-11-28T14:03:12.999Z"),
            (JSON.number(.int(1764338592999)), "epoch_ms", "2025-11-28T14:03:12.999Z"),
            ("1764338592999", "epoch_ms", "2025-11-28T14:03:12.999Z"),
            ("-1.5", "epoch_ms", "1969-12-31T23:59:59.998Z"),
            ("1e-400", "epoch", "1970-01-01T00:00:00Z"),
        ] as [(JSON, String, String)])
    func accepted(value: JSON, format: String, expected: String) throws {
        #expect(try read(value, format) == expected)
    }

    @Test(
        arguments: [
            ("abc", "epoch"), ("1.2.3", "epoch"), ("12abc", "epoch"), ("1e", "epoch"), ("-", "epoch"), (".", "epoch"),
            ("0x10", "epoch"), ("1 000", "epoch"), ("", "epoch"), ("2026-11-28", "epoch_ms"),
        ] as [(String, String)])
    func textRejected(text: String, format: String) throws {
        #expect(try failure(.string(text), format) == "'\(text)' is not an epoch number")
    }

    /// Values past year 9999 (or before 0000) cannot print as RFC 3339 (S4): errors.
    @Test(
        arguments: [
            (JSON.number(.int(253402300800)), "epoch"), ("-62167219201", "epoch"), (1e300, "epoch"),
            (-1e300, "epoch_ms"), (JSON.number(.int(Int.max)), "epoch"), (JSON.number(.int(Int.min)), "epoch_ms"),
            (JSON.number(.bigInt("123456789012345678901234567890")), "epoch_ms"), ("1e1000000000", "epoch"),
            ("99999999999999999999999", "epoch_ms"), ("253402300800000", "epoch_ms"),
        ] as [(JSON, String)])
    func bigValuesRejected(value: JSON, format: String) throws {
        let message = try #require(try failure(value, format))
        #expect(message.contains("outside years 0000–9999"))
    }

    @Test func nonNumbersRejected() throws {
        for value: JSON in [true, nil, [1], ["a": 1]] {
            #expect(try failure(value, "epoch") != nil)
        }
    }
}

@Suite struct DateCoercionTests {
    /// S65: instant unchanged, string ISO-8601 in UTC, number epoch seconds.
    @Test func coerce() throws {
        let instant = Instant(millisecondsSinceEpoch: 42)
        #expect(try DateReader.coerce(.instant(instant)) == instant)
        #expect(try DateReader.coerce("2026-11-28T14:03:12").rfc3339 == "2026-11-28T14:03:12Z")
        #expect(try DateReader.coerce(" 2026-11-28 14:03:12+01:00 ").rfc3339 == "2026-11-28T13:03:12Z")
        #expect(try DateReader.coerce(1764338592).rfc3339 == "2025-11-28T14:03:12Z")
        #expect(try DateReader.coerce(1764338592.2509).rfc3339 == "2025-11-28T14:03:12.250Z")
    }

    @Test(arguments: [
        JSON.bool(true), .null, ["2026-11-28"], ["a": 1], "2026-02-30", "11/28/2026", "1764338592", 1e300,
    ])
    func rejected(value: JSON) {
        #expect(throws: DateReadError.self) { try DateReader.coerce(value) }
    }
}

@Suite struct DateEdgeTests {
    /// S80 puts the optional offset after the whole date-and-time (explicitly so in the basic
    /// form), so a date alone may carry one: midnight at that offset.
    @Test func dateAloneWithOffset() throws {
        #expect(try read("20261128Z") == "2026-11-28T00:00:00Z")
        #expect(try read("2026-11-28 +01:00") == "2026-11-27T23:00:00Z")
        #expect(try read("2026-11-28-05") == "2026-11-28T05:00:00Z")
    }

    /// Many abutting lenient fields on hostile digits stop at the match budget instead of
    /// trying 2^n splits; the text is then reported as not matching.
    @Test func abuttingFieldsAreBounded() throws {
        let format = String(repeating: "dM", count: 20)
        let text = String(repeating: "9", count: 60)
        #expect(try failure(.string(text), format) == "'\(text)' does not match pattern '\(format)'")
    }
}
