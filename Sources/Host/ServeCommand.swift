import ArgumentParser
import Foundation
import Logging

/// `intake serve [--config FILE]`: runs the listener until SIGTERM or SIGINT (SPEC §9).
///
/// On either signal it stops accepting connections, finishes and commits the requests in
/// flight, closes the store and exits 0. Start-up mistakes exit 2 (configuration, mappers)
/// or 1 (the store cannot be opened), with `file:line:column` messages on standard error.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the webhook listener (the embedded default configuration without --config).",
        discussion: "Log level: LOG_LEVEL (trace, debug, info, notice, warning, error; default info)."
    )

    @Option(help: "The configuration file (default: the embedded intake.yaml).")
    var config: String?

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        let logger = Logger(label: "intake")
        do {
            let configuration = try ServerStartup.configuration(file: config)
            logger.info("configuration loaded", metadata: ["source": "\(configuration.source)", "instances": "\(configuration.instances.count)"])
            let catalog = try ServerStartup.catalog(for: configuration, logger: logger)
            let store = try await ServerStartup.store(for: configuration, logger: logger)
            let service = try ServerStartup.service(configuration: configuration, store: store, catalog: catalog, logger: logger)
            try await IntakeServer(service: service, logger: logger).run()
            logger.info("stopped")
        } catch let failure as ServerStartup.Failure {
            FileHandle.standardError.write(Data("intake serve: \(failure.message)\n".utf8))
            throw ExitCode(failure.exitCode)
        }
    }
}
