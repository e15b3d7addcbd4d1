import ArgumentParser
import Foundation
import Transforms

/// `intake samples list|export`: an instance's kept payloads from the shell (SPEC §9, §10).
struct SamplesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples",
        abstract: "List an instance's stored samples, or export them as intake test cases.",
        subcommands: [ListSamplesCommand.self, ExportSamplesCommand.self])
}

/// `intake samples list --instance I`: `{"samples": [{"id", "received", "headers", "payload"}]}`,
/// newest first, as `GET /api/instances/{name}/samples`.
struct ListSamplesCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print an instance's stored samples, newest first.",
        discussion: "Exit status: 0, 1 the store cannot be read, 2 a usage or configuration error.")

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "The instance whose samples to print.")
    var instance: String

    @Option(help: "At most this many samples.")
    var limit: Int = 20

    func run(in environment: IntakeEnvironment) async throws {
        try CLIFailure.exit(
            await CLIFailure.reportingAsync {
                guard limit >= 1 else { throw CLIFailure.usage("samples list: --limit must be at least 1") }
                let configuration = try CLIConfiguration.load(options.config)
                let samples = try await environment.withStore(configuration) { try await $0.samples(instance: instance, limit: limit) }
                // A typo'd name is an error naming the instances, not an empty list (SPEC §12); an
                // instance removed from the configuration still shows the samples it left.
                if samples.isEmpty { _ = try CLIConfiguration.instance(instance, in: configuration) }
                StoredJSON.print(["samples": .array(samples.map(\.json))])
                return 0
            })
    }
}

/// `intake samples export --instance I --as-tests DIR`: each stored sample as an `intake test`
/// case (SEMANTICS S133), so real traffic becomes a regression test in one command.
struct ExportSamplesCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write each stored sample with today's dry-run output as an intake test case.",
        discussion: """
            Writes DIR/ID.json (the payload), DIR/ID.expected.json (what dry-run prints for it today, \
            values that come from the time received masked as "<any>") and DIR/ID.args.json (the \
            instance's chain, type and kept headers). Exit status: 0, 1 the store cannot be read, \
            2 a usage, configuration or mapper error.
            """)

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "The instance whose samples to export.")
    var instance: String

    @Option(name: .customLong("as-tests"), help: "The folder to write the cases into (created if needed), e.g. samples/forms.")
    var folder: String

    @Option(help: "The folder of mapper and incident-type files (default: the configuration's).")
    var mappers: String?

    @Option(help: "At most this many samples, newest first (default: every kept sample).")
    var last: Int?

    func run(in environment: IntakeEnvironment) async throws {
        try CLIFailure.exit(
            await CLIFailure.reportingAsync {
                if let last, last < 1 { throw CLIFailure.usage("samples export: --last must be at least 1") }
                let configuration = try CLIConfiguration.load(options.config)
                let instance = try CLIConfiguration.instance(self.instance, in: configuration)
                let resolved = try environment.commandChain(for: instance, source: configuration.mapperSource(overriddenBy: mappers))
                let export = try SampleExport(folder: folder, chain: resolved.chain, mapperNames: resolved.mapperNames)
                let samples = try await environment.withStore(configuration) {
                    try await $0.samples(instance: instance.name, limit: last ?? Int(Int32.max))
                }
                let written = try samples.map { try export.write($0) }
                StoredJSON.print(["exported": .array(written.map(JSON.string)), "folder": .string(folder)])
                return 0
            })
    }
}
