/// Why a JSONPath query text is not a valid RFC 9535 query, and where.
///
/// A query is written by a person in a mapper or on the command line, so the error says what
/// was expected at which byte of the text rather than just "invalid query".
public struct JSONPathError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The UTF-8 byte offset in the query text where the problem was found (0 is the `$`).
    public var offset: Int
    /// What is wrong there, phrased as what was expected.
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// `byte 4: expected a member name after '.'`
    public var description: String { "byte \(offset): \(message)" }
}
