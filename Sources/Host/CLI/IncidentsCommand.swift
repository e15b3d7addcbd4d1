import ArgumentParser
import Transforms

/// `intake incidents list|show`: the stored incidents from the shell (SPEC §9), printing what
/// `GET /api/incidents` and `GET /api/incidents/{id}` answer.
struct IncidentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents",
        abstract: "List or show stored incidents.",
        subcommands: [ListIncidentsCommand.self, ShowIncidentCommand.self])
}

/// `intake incidents list`: one page, newest first, as `{"incidents": [...], "next_cursor": …}`.
struct ListIncidentsCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print a page of incidents, newest first, as GET /api/incidents does.",
        discussion: "Exit status: 0, 1 the store cannot be read, 2 a usage or configuration error.")

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "Only this instance's incidents.")
    var instance: String?

    @Option(help: "Only incidents of this type.")
    var type: String?

    @Option(help: "Only incidents created at or after this RFC 3339 instant.")
    var since: String?

    @OptionGroup var paging: PageOptions

    func run(in environment: IntakeEnvironment) async throws {
        try CLIFailure.exit(
            await CLIFailure.reportingAsync {
                var since: Instant?
                if let text = self.since {
                    guard let instant = ISO8601.parse(text, zone: nil) else {
                        throw CLIFailure.usage("--since: '\(text)' is not an RFC 3339 instant such as 2026-11-29T12:00:00Z")
                    }
                    since = instant
                }
                let configuration = try CLIConfiguration.load(options.config)
                let query = IncidentQuery(instance: instance, type: type, since: since, limit: paging.limit, cursor: paging.cursor)
                let page = try await environment.withStore(configuration) { try await $0.incidents(query) }
                StoredJSON.printPage("incidents", page.items.map { $0.json() }, nextCursor: page.nextCursor)
                return 0
            })
    }
}

/// `intake incidents show ID`: the incident JSON, with `--raw` and `--explain` as `?raw=1`
/// and `?explain=1`.
struct ShowIncidentCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one incident as GET /api/incidents/{id} does.",
        discussion: "Exit status: 0, 1 no such incident (or the store cannot be read), 2 a usage or configuration error.")

    @OptionGroup var options: ConfigurationOptions

    @Argument(help: "The incident id.")
    var id: String

    @Flag(help: "Add the payload as received and its kept headers.")
    var raw = false

    @Flag(help: "Add the provenance (per field, the steps that produced it) and the incident's action deliveries.")
    var explain = false

    func run(in environment: IntakeEnvironment) async throws {
        try CLIFailure.exit(
            await CLIFailure.reportingAsync {
                let configuration = try CLIConfiguration.load(options.config)
                let found = try await environment.withStore(configuration) { store in
                    guard let incident = try await store.incident(id: id) else { return nil as (StoredIncident, [Delivery]?)? }
                    let deliveries = explain ? try await store.deliveries(DeliveryQuery(incident: id, limit: IncidentQuery.maximumLimit)).items : nil
                    return (incident, deliveries)
                }
                guard let (incident, deliveries) = found else {
                    throw CLIFailure(message: "no incident with id '\(id)'", exitCode: 1)
                }
                StoredJSON.print(incident.json(raw: raw, provenance: explain, deliveries: deliveries))
                return 0
            })
    }
}
