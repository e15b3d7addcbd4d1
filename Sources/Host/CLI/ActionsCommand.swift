import ArgumentParser
import Transforms

/// `intake actions list|show|retry`: the outbox from the shell (SPEC §13), printing what
/// `/api/actions` answers.
struct ActionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "List, show or retry the deliveries of actions.",
        subcommands: [ListDeliveriesCommand.self, ShowDeliveryCommand.self, RetryDeliveryCommand.self])
}

/// `intake actions list`: one page, newest first, as `{"deliveries": [...], "next_cursor": …}`.
struct ListDeliveriesCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print a page of deliveries, newest first, as GET /api/actions does.",
        discussion: "Exit status: 0, 1 the store cannot be read, 2 a usage or configuration error.")

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "Only deliveries with this status: pending, delivered or failed.")
    var status: String?

    @Option(help: "Only this incident's deliveries.")
    var incident: String?

    @OptionGroup var paging: PageOptions

    func run(in environment: IntakeEnvironment) async throws {
        try CLIFailure.exit(
            await CLIFailure.reportingAsync {
                var status: DeliveryStatus?
                if let text = self.status {
                    guard let known = DeliveryStatus(rawValue: text) else {
                        throw CLIFailure.usage("--status: '\(text)' is not one of \(DeliveryStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    status = known
                }
                let configuration = try CLIConfiguration.load(options.config)
                let query = DeliveryQuery(status: status, incident: incident, limit: paging.limit, cursor: paging.cursor)
                let page = try await environment.withStore(configuration) { try await $0.deliveries(query) }
                StoredJSON.printPage("deliveries", page.items.map { StoredJSON.value($0.jsonText) }, nextCursor: page.nextCursor)
                return 0
            })
    }
}

/// `intake actions show ID`: one delivery.
struct ShowDeliveryCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one delivery as GET /api/actions/{id} does.",
        discussion: "Exit status: 0, 1 no such delivery (or the store cannot be read), 2 a usage or configuration error.")

    @OptionGroup var options: ConfigurationOptions

    @Argument(help: "The delivery id (d12).")
    var id: String

    func run(in environment: IntakeEnvironment) async throws {
        try CLIFailure.exit(
            await CLIFailure.reportingAsync {
                let configuration = try CLIConfiguration.load(options.config)
                guard let delivery = try await environment.withStore(configuration, { try await $0.delivery(id: id) }) else {
                    throw CLIFailure(message: "no delivery with id '\(id)'", exitCode: 1)
                }
                StoredJSON.print(StoredJSON.value(delivery.jsonText))
                return 0
            })
    }
}

/// `intake actions retry ID`: makes a delivery pending again, due now, with a fresh set of
/// attempts; a running `intake serve` sends it.
struct RetryDeliveryCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Make a delivery pending again (a parked failure, or a delivered one to send again); the listener sends it.",
        discussion: "Exit status: 0, 1 no such delivery (or the store cannot be written), 2 a usage or configuration error.")

    @OptionGroup var options: ConfigurationOptions

    @Argument(help: "The delivery id (d12).")
    var id: String

    func run(in environment: IntakeEnvironment) async throws {
        try CLIFailure.exit(
            await CLIFailure.reportingAsync {
                let configuration = try CLIConfiguration.load(options.config)
                guard let delivery = try await environment.withStore(configuration, { try await $0.retryDelivery(id: id, at: .now) }) else {
                    throw CLIFailure(message: "no delivery with id '\(id)'", exitCode: 1)
                }
                StoredJSON.print(StoredJSON.value(delivery.jsonText))
                return 0
            })
    }
}
