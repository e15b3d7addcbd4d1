/// Why a request was refused authentication, for the log line and the metadata-only record.
///
/// The sender only ever sees `{"error": "Authorization failed."}`: telling it *which* check
/// failed would help someone guessing. The reason never contains a secret or a body byte.
public struct AuthRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
