/// Why a JSON text could not be read, and where.
///
/// The offset is the byte (counted from 0 in the UTF-8 input) at which the problem was
/// found, so that a sender can locate it in the body they sent and a file user in their
/// editor; the message says what was expected there.
public struct JSONParseError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The 0-based byte offset in the input at which the problem was detected.
    public var offset: Int
    /// What was wrong, phrased as what was expected (`expected ',' or '}' after an object member`).
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// `byte 17: expected ',' or '}' after an object member`.
    public var description: String { "byte \(offset): \(message)" }
}
