import Foundation

/// The offset rules of an IANA time zone, used to place local wall-clock times on the timeline.
///
/// Foundation (over the system tzdata) is used here and nowhere else in the date readers: it
/// knows every historical transition, while parsing stays in our own code where S80/S81 fix
/// exactly what is accepted. UTC needs no Foundation call at all.
public struct TimeZoneRules: Sendable {
    enum Storage: Sendable {
        case utc
        case zone(TimeZone)
    }

    let storage: Storage

    /// The rules of an IANA zone such as `America/New_York`, or `nil` when the name is unknown.
    ///
    /// Names are case-sensitive, as in tzdata (`america/new_york` is unknown).
    public init?(identifier: String) {
        guard !identifier.isEmpty, let zone = TimeZone(identifier: identifier) else { return nil }
        storage = .zone(zone)
    }

    private init(storage: Storage) { self.storage = storage }

    /// Coordinated Universal Time: local time is the instant.
    public static let utc = TimeZoneRules(storage: .utc)

    /// The zone's name as given (`UTC` for `utc`).
    public var identifier: String {
        switch storage {
        case .utc: "UTC"
        case .zone(let zone): zone.identifier
        }
    }

    /// The instant at which the zone's clocks read `localMilliseconds` (milliseconds since
    /// 1970-01-01T00:00 local time).
    ///
    /// SEMANTICS S82: in a gap or an overlap the offset in force *before* the transition is
    /// used. 02:30 on spring-forward day in America/New_York is read with EST (07:30Z); 01:30
    /// on fall-back day is read with EDT (05:30Z), the earlier of its two instants.
    public func instant(localMilliseconds: Int64) -> Instant {
        switch storage {
        case .utc:
            return Instant(millisecondsSinceEpoch: localMilliseconds)
        case .zone(let zone):
            return Instant(millisecondsSinceEpoch: Self.resolve(localMilliseconds, in: zone))
        }
    }

    /// How far either side of a local time its instant can lie: more than any offset ever used
    /// (LMT reached about ±16 h), plus a whole skipped day (Pacific/Apia, 2011-12-30).
    private static let window: Int64 = 40 * 3_600_000

    /// Most transitions looked at around one local time; real zones have at most two.
    private static let maxTransitions = 8

    private static func resolve(_ local: Int64, in zone: TimeZone) -> Int64 {
        // Far beyond any calendar Intake prints: no transitions to weigh, and no overflow.
        guard abs(local) < 1 << 60 else { return local &- offset(zone, at: local) }
        let start = local - window
        let end = local + window
        let startOffset = offset(zone, at: start)
        // Segments of constant offset covering [start, end]: (from, offset).
        var segments: [(from: Int64, offset: Int64)] = [(start, startOffset)]
        var cursor = date(start)
        while segments.count <= maxTransitions,
            let next = zone.nextDaylightSavingTimeTransition(after: cursor),
            milliseconds(next) <= end
        {
            let from = milliseconds(next)
            segments.append((from, offset(zone, at: from)))
            cursor = next
        }
        if segments.count == 1 { return local - startOffset }

        // Valid readings: the offset of a segment that the reading itself falls in.
        for (index, segment) in segments.enumerated() {
            let candidate = local - segment.offset
            let until = index + 1 < segments.count ? segments[index + 1].from : Int64.max
            // Segments are in time order, so the first valid reading is the earliest: the
            // one before the transition when the local time is in an overlap.
            if candidate >= segment.from && candidate < until { return candidate }
        }
        // No valid reading: the local time is in a gap. Read it with the offset before the gap.
        for index in 1..<segments.count {
            let before = segments[index - 1].offset
            let after = segments[index].offset
            let transition = segments[index].from
            if after > before, local >= transition + before, local < transition + after {
                return local - before
            }
        }
        return local - offset(zone, at: local)
    }

    private static func offset(_ zone: TimeZone, at milliseconds: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: date(milliseconds))) * 1000
    }

    private static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    private static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}
