import ArgumentParser

/// The `intake` command line: every subcommand of SPEC §9.
public struct IntakeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Turn webhook JSON into typed security incidents.",
        subcommands: [
            ServeCommand.self, CheckCommand.self, DryRunCommand.self, TestCommand.self, QueryCommand.self,
            IncidentsCommand.self, SamplesCommand.self, ReplayCommand.self,
        ]
    )

    public init() {}
}
