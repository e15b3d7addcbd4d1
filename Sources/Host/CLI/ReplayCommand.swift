import ArgumentParser
import Foundation
import Transforms

/// `intake replay`: quarantined payloads through today's chains; those that map now become
/// incidents (SPEC §9). The work is `QuarantineReplay`'s, shared with the admin API.
struct ReplayCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Map quarantined payloads again; store those that now map and resolve them.",
        discussion: """
            Prints {"replayed", "created", "duplicate", "still_quarantined", "not_found", "results"}. \
            Exit status: 0 every replayed payload is now an incident, 1 some still fail (or an id \
            is not open in quarantine, or the store cannot be used), 2 a usage, configuration or \
            mapper error.
            """)

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "Only this instance's quarantined payloads.")
    var instance: String?

    @Option(help: "Only these quarantine ids, comma-separated (q1,q2).")
    var ids: String?

    func run(in environment: IntakeEnvironment) async throws {
        try CLIFailure.exit(
            await CLIFailure.reportingAsync {
                let ids = try self.ids.map(Self.parse(ids:))
                let configuration = try CLIConfiguration.load(options.config)
                if let instance { _ = try CLIConfiguration.instance(instance, in: configuration) }
                let mappers = try environment.mappers(configuration.mapperSource)
                let summary = try await environment.withStore(configuration) { store in
                    let service: IngestionService
                    do {
                        service = try IngestionService(configuration: configuration, environment: environment, store: store, mappers: mappers)
                    } catch {
                        throw CLIFailure(message: "\(error)", exitCode: 2)
                    }
                    return try await QuarantineReplay(service: service).run(instance: instance, ids: ids)
                }
                StoredJSON.print(summary.json)
                return summary.isComplete ? 0 : 1
            })
    }

    /// `q1,q2` → `["q1", "q2"]`; blanks around commas are ignored.
    static func parse(ids text: String) throws -> [String] {
        let ids = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !ids.isEmpty else { throw CLIFailure.usage("replay: --ids needs quarantine ids such as q1,q2") }
        return ids
    }
}
