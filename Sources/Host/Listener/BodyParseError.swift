import Transforms

/// A body that is not what its `Content-Type` says, with the byte offset of the problem.
///
/// Answered with `400` and `{"error": "…"}`; the message names the offset (SPEC §4) so the
/// sender can find the mistake without the listener echoing any of the body back.
struct BodyParseError: Error, Equatable, CustomStringConvertible {
    var offset: Int
    var message: String

    init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    var description: String { "\(message) at byte offset \(offset)" }
}
