import ArgumentParser
import Logging

/// The `intake` command line: every subcommand of SPEC §9.
package struct IntakeCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Turn webhook JSON into typed security incidents.",
        version: IntakeVersion.current,
        subcommands: [
            ServeCommand.self, CheckCommand.self, DryRunCommand.self, TestCommand.self, QueryCommand.self,
            IncidentsCommand.self, SamplesCommand.self, QuarantineCommand.self, ReplayCommand.self, InstancesCommand.self, PluginsCommand.self,
            SchemaCommand.self,
            ActionsCommand.self,
        ]
    )

    package init() {}
}

extension IntakeCommand {
    /// Parses and runs the command line, with SPEC §9's exit statuses: a usage mistake
    /// (unknown option, missing argument) exits 2, as every other usage error does, rather than
    /// argument-parser's 64.
    ///
    /// - Parameter environment: builds the environment every command runs in from the
    ///   command's logger; a host with its own steps passes e.g.
    ///   `{ IntakeEnvironment(steps: stepsWithMine, logger: $0) }`.
    package static func runMain(
        _ arguments: [String]? = nil,
        environment: (Logger) -> IntakeEnvironment = IntakeEnvironment.standard(logger:)
    ) async {
        do {
            var command = try parseAsRoot(arguments)
            if let command = command as? any EnvironmentCommand {
                try await command.run(in: environment(type(of: command).makeLogger()))
            } else if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
