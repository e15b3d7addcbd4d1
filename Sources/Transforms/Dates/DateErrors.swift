/// A `date` step or format that cannot be built: an unknown pattern letter, an unknown time zone.
///
/// Raised while a mapper loads (SEMANTICS S48, S81), so a bad format is reported once, with the
/// mapper's file and line added by the caller, instead of failing every payload at run time.
public struct DateFormatError: Error, CustomStringConvertible, Sendable {
    /// What is wrong and how to fix it, e.g. `unknown pattern letter 'Q' at byte 5 in 'yyyy-Q'`.
    public var message: String

    public init(message: String) { self.message = message }

    public var description: String { message }
}

/// A value that a `date` step or the `date` field type could not turn into an instant.
///
/// Raised per payload at run time (SEMANTICS S48, S65, S80, S81): the message names the text
/// (shortened when long) and what it failed, e.g. `'2026-02-30' is not a valid date`.
public struct DateReadError: Error, CustomStringConvertible, Sendable {
    /// What is wrong with the value.
    public var message: String

    public init(message: String) { self.message = message }

    public var description: String { message }
}
