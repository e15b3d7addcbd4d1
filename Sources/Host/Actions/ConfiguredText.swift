/// A configuration value that may hold `${NAME}` secrets: the text to use, and the text to
/// show.
///
/// `shown` is the value as written in the file when it named a variable (`${SLACK_URL}`), so
/// a dry-run or a log line shows where the secret comes from, never the secret.
package struct ConfiguredText: Sendable, Equatable {
    package var value: String
    package var shown: String

    package init(value: String, shown: String) {
        self.value = value
        self.shown = shown
    }

    package init(_ plain: String) {
        self.init(value: plain, shown: plain)
    }

    /// Whether the value still names a variable: a command that does not listen read it
    /// without that variable set (SPEC §12), so it cannot be used, only shown.
    package var isUnresolved: Bool { value == shown && EnvironmentSubstitution.namesVariable(value) }
}
