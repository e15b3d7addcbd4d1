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

/// A field collected from a form or multipart body, merged into one JSON object.
///
/// A key seen once maps to its value; a key seen again turns into an array of every value in
/// order (SPEC §4).
struct FormFields {
    private(set) var object = JSONObject()

    mutating func add(_ key: String, _ value: JSON) {
        switch object[key] {
        case nil: object[key] = value
        case .array(var values)? where repeated.contains(key):
            values.append(value)
            object[key] = .array(values)
        case let existing?:
            object[key] = .array([existing, value])
            repeated.insert(key)
        }
    }

    /// Keys already turned into arrays by repetition (a single value that is itself an array
    /// cannot occur: form values are strings or file descriptions).
    private var repeated: Set<String> = []
}
