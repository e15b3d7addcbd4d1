/// A mistake in a mapper, types or configuration file, found when it loads.
///
/// It names the place as `file:line:column`, then where in the mapper (`fields.urls: step 2
/// (regex)`), then what is wrong and what to write instead, as STYLE.md item 4 asks.
public struct MapperError: Error, CustomStringConvertible, Sendable {
    public var mark: SourceMark
    public var message: String

    public init(_ message: String, at mark: SourceMark) {
        self.mark = mark
        self.message = message
    }

    public var description: String { "\(mark): \(message)" }
}

/// Several load errors at once, so `intake check` can list every mistake of a folder.
public struct MapperErrors: Error, CustomStringConvertible, Sendable {
    public var errors: [MapperError]

    public init(_ errors: [MapperError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// What a payload caused while a step ran: the payload is quarantined with this message.
///
/// Messages quote at most a short excerpt of the offending value, never a whole payload.
public struct StepError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
