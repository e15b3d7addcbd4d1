import ArgumentParser
import Logging

/// A subcommand that runs in the environment `IntakeCommand.runMain` built, so a host's own
/// steps and stores reach every command.
protocol EnvironmentCommand: AsyncParsableCommand {
    /// Where this command's log lines go; the environment is built with it.
    static func makeLogger() -> Logger

    func run(in environment: IntakeEnvironment) async throws
}

extension EnvironmentCommand {
    static func makeLogger() -> Logger { .command }

    /// Run outside `runMain` (ArgumentParser's own entry point): the standard environment.
    func run() async throws {
        try await run(in: .standard(logger: Self.makeLogger()))
    }
}
