/// A configuration value that may hold `${NAME}` secrets: the text to use, and the text to
/// show.
///
/// `shown` is the value as written in the file when it named a variable (`${SLACK_URL}`), so
/// a dry-run or a log line shows where the secret comes from, never the secret.
public struct ConfiguredText: Sendable, Equatable {
    public var value: String
    public var shown: String

    public init(value: String, shown: String) {
        self.value = value
        self.shown = shown
    }

    public init(_ plain: String) {
        self.init(value: plain, shown: plain)
    }
}
