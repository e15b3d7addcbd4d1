/// Why a request was refused authentication, for the log line and the metadata-only record.
///
/// The sender only ever sees `{"error": "Authorization failed."}`: telling it *which* check
/// failed would help someone guessing. The reason never contains a secret or a body byte.
package struct AuthRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    package var reason: String

    package init(_ reason: String) {
        self.reason = reason
    }

    package var description: String { reason }
}
