/// A value that cannot take a field's type (SEMANTICS S60–S73): the payload is quarantined.
public struct CoercionError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// "'abc' is not an integer": the value quoted briefly, never a whole payload.
    static func not(_ what: String, _ value: JSON) -> CoercionError {
        CoercionError("\(value.excerpt) is not \(what)")
    }
}

extension JSON {
    /// A short rendering of a value for messages: at most 60 characters of its JSON.
    var excerpt: String {
        let text = serialized()
        return text.count <= 60 ? text : String(text.prefix(57)) + "..."
    }
}
