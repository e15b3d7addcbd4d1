import Logging

/// The log handler of a command other than `serve`: warnings and worse as plain
/// `warning: message (key: value, …)` lines on standard error, the way the command's own
/// messages look, and nothing below warning, so standard output keeps only the answer.
struct CommandLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .warning

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let details = all.keys.sorted().map { "\($0): \(all[$0].map { "\($0)" } ?? "")" }.joined(separator: ", ")
        printError("\(event.level): \(event.message)\(details.isEmpty ? "" : " (\(details))")")
    }
}

extension Logger {
    /// The logger a command writes its warnings with.
    static var command: Logger { Logger(label: "intake") { _ in CommandLogHandler() } }
}
