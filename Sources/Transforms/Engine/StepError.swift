/// What a payload caused while a step ran: the payload is quarantined with this message.
///
/// Messages quote at most a short excerpt of the offending value, never a whole payload.
public struct StepError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// The load error of a mapper, before every file error became one `SourceError`: kept so Swift
/// step packages written against it still build.
@available(*, deprecated, renamed: "SourceError")
public typealias MapperError = SourceError

@available(*, deprecated, renamed: "SourceErrors")
public typealias MapperErrors = SourceErrors
