import ArgumentParser
import Transforms

/// `intake quarantine list|show`: the quarantined payloads from the shell (SPEC §12), printing
/// what `GET /api/quarantine` answers, so a payload that failed can be read without the admin
/// API and fixed with `intake replay`.
struct QuarantineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine",
        abstract: "List or show quarantined payloads.",
        subcommands: [ListQuarantineCommand.self, ShowQuarantinedCommand.self])
}

/// `intake quarantine list`: one page, newest first, as `{"quarantined": [...], "next_cursor": …}`.
struct ListQuarantineCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print a page of open quarantined payloads, newest first, as GET /api/quarantine does.",
        discussion: "Exit status: 0, 1 the store cannot be read, 2 a usage or configuration error.")

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "Only this instance's payloads.")
    var instance: String?

    @Flag(help: "Also list payloads a replay resolved.")
    var all = false

    @OptionGroup var paging: PageOptions

    func run(in environment: IntakeEnvironment) async throws {
        try CLIFailure.exit(
            await CLIFailure.reportingAsync {
                let configuration = try CLIConfiguration.load(options.config)
                let query = QuarantineQuery(instance: instance, includeResolved: all, limit: paging.limit, cursor: paging.cursor)
                let page = try await environment.withStore(configuration) { try await $0.quarantined(query) }
                StoredJSON.printPage("quarantined", page.items.map(\.json), nextCursor: page.nextCursor)
                return 0
            })
    }
}

/// `intake quarantine show ID`: one quarantined payload, open or resolved.
struct ShowQuarantinedCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one quarantined payload (q17) with its errors, payload and kept headers.",
        discussion: "Exit status: 0, 1 no such payload (or the store cannot be read), 2 a usage or configuration error.")

    @OptionGroup var options: ConfigurationOptions

    @Argument(help: "The quarantine id (q17), as the sender's answer gave it.")
    var id: String

    func run(in environment: IntakeEnvironment) async throws {
        try CLIFailure.exit(
            await CLIFailure.reportingAsync {
                let configuration = try CLIConfiguration.load(options.config)
                guard let payload = try await environment.withStore(configuration, { try await $0.quarantined(id: id) }) else {
                    throw CLIFailure(message: "no quarantined payload with id '\(id)' (ids look like q17)", exitCode: 1)
                }
                StoredJSON.print(payload.json)
                return 0
            })
    }
}

extension QuarantinedPayload {
    /// The element `GET /api/quarantine` lists, plus `resolved` once a replay resolved it.
    var json: JSON {
        guard case .object(var object) = StoredJSON.value(adminJSONText) else { return StoredJSON.value(adminJSONText) }
        if let resolved { object["resolved"] = .string(resolved.rfc3339) }
        return .object(object)
    }
}
