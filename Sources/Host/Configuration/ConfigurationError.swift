import Transforms

/// One mistake in a configuration file, with the place to fix it.
///
/// Printed as `intake.yaml:12:5: instances[0].auth: ...` so editors and terminals turn it into a
/// link (SPEC §3: every error names `file:line:column`). Messages never quote a secret: a value
/// that came from an environment variable is named by its key, not shown.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Where the problem is.
    public var mark: SourceMark
    /// What is wrong and, where it helps, what to write instead.
    public var message: String

    public init(_ message: String, at mark: SourceMark) {
        self.message = message
        self.mark = mark
    }

    /// `file:line:column: message`.
    public var description: String { "\(mark): \(message)" }
}

/// Every mistake found in one configuration file, in file order.
///
/// Loading reports all of them at once (not just the first) so that `intake check` and a
/// failed start list everything to fix in one pass.
public struct ConfigurationErrors: Error, CustomStringConvertible, Sendable {
    public var errors: [ConfigurationError]

    public init(_ errors: [ConfigurationError]) {
        self.errors = errors
    }

    /// One error per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
