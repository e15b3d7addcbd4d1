/// A point in time with millisecond precision: what `date` steps and `date` fields produce.
///
/// Milliseconds since the Unix epoch, because SEMANTICS S4 truncates every finer fraction
/// and an integer makes equality and ordering exact.
public struct Instant: Sendable, Hashable, Comparable {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}
