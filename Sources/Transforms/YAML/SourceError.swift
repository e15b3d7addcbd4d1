/// A mistake in a file Intake reads (YAML, a mapper, an incident-types file, the configuration),
/// with the place to fix it and a kind a program can match.
///
/// One type for every loader, so callers print one shape, `mappers/forms.yaml:14:9:
/// fields.urls: step 2 (regex): invalid pattern at byte 7: missing )`, and tests and tools
/// match `kind` instead of the wording, which is written for a person and may improve.
public struct SourceError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What sort of mistake it is.
    public enum Kind: String, Sendable, CaseIterable {
        /// The file cannot be read at all.
        case unreadable
        /// Not well-formed YAML, a second document, or nesting deeper than the limit.
        case syntax
        /// YAML Intake refuses on purpose: aliases, merge keys, tags, a list or map as a key.
        case unsupportedYAML
        /// A key written twice in one map.
        case duplicateKey
        /// A key that is not allowed there, usually a typo (`feilds`, an unknown step option).
        case unknownKey
        /// A key that must be there is not.
        case missingKey
        /// A value of the wrong shape: a string where a map is needed, a list where a boolean is.
        case wrongShape
        /// A value of the right shape that is not valid (a name, a range, a time zone, a date format).
        case invalidValue
        /// A step name no registry (built-in or plugin) knows.
        case unknownStep
        /// A regular expression that does not compile.
        case invalidPattern
        /// A JSONPath query that does not parse.
        case invalidPath
        /// A name that refers to nothing declared: an incident type, a field, a mapper.
        case unknownName
        /// Something declared twice (a mapper name, an incident type).
        case declaredTwice
        /// An environment variable the file names is not set.
        case unsetVariable
    }

    public var kind: Kind
    /// Where the problem is.
    public var mark: SourceMark
    /// What is wrong and, where it helps, what to write instead.
    public var message: String

    public init(_ kind: Kind, _ message: String, at mark: SourceMark) {
        self.kind = kind
        self.mark = mark
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String { "\(mark): \(message)" }
}

/// Every mistake found in one load, in file order, so `intake check` and a failed start list
/// everything to fix in one pass.
public struct SourceErrors: Error, CustomStringConvertible, Sendable {
    public var errors: [SourceError]

    public init(_ errors: [SourceError]) { self.errors = errors }

    /// One error per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
