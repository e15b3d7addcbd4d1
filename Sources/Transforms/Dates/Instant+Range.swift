extension Instant {
    /// The instants Intake can represent as RFC 3339 text: years 0000 to 9999 (SEMANTICS S4).
    ///
    /// Readers reject anything outside, so an absurd epoch value is an error at the step that
    /// read it rather than an unprintable instant further on.
    static let representableMilliseconds: ClosedRange<Int64> =
        -62_167_219_200_000...253_402_300_799_999

    /// The instant, when it lies in `representableMilliseconds`.
    static func representable(_ milliseconds: Int64) -> Instant? {
        representableMilliseconds.contains(milliseconds) ? Instant(millisecondsSinceEpoch: milliseconds) : nil
    }
}
