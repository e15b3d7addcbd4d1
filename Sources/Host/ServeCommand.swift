import ArgumentParser
import Foundation
import Logging
import NIOCore
import Transforms

/// `intake serve [--config FILE]`: runs the listener until SIGTERM or SIGINT (SPEC §9).
///
/// On either signal it stops accepting connections, finishes and commits the requests in
/// flight, closes the store and exits 0. Start-up mistakes exit 2 (configuration, mappers)
/// or 1 (the store cannot be opened), with `file:line:column` messages on standard error.
struct ServeCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the webhook listener (the embedded default configuration without --config).",
        discussion: "Log level: LOG_LEVEL (trace, debug, info, notice, warning, error; default info)."
    )

    @OptionGroup var options: ConfigurationOptions

    @Flag(help: "Reload the mappers when a file of the mappers folder changes (SIGHUP and POST /api/reload always do).")
    var watch = false

    static func makeLogger() -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        return Logger(label: "intake")
    }

    func run(in environment: IntakeEnvironment) async throws {
        let logger = environment.logger
        do {
            let configuration = try CLIConfiguration.load(options.config, listening: true)
            logger.info("configuration loaded", metadata: ["source": "\(configuration.source)", "instances": "\(configuration.instances.count)"])
            let mappers = try environment.mappers(configuration.mapperSource)
            if !configuration.isEmbeddedDefault {
                try CheckCommand.checkActionTypes(configuration.actions, types: mappers.catalog.types.names)
            }
            let store = try await environment.stores.open(configuration, access: .createIfMissing)
            logger.info("store ready", metadata: ["storage": "\(configuration.storage.logDescription)"])
            let service: IngestionService
            do {
                service = try IngestionService(configuration: configuration, environment: environment, store: store, mappers: mappers)
            } catch {
                try? await store.close()
                throw CLIFailure(message: error.description, exitCode: 2)
            }
            do {
                try await IntakeServer(service: service, logger: logger).run(watchInterval: watch ? .seconds(1) : nil)
            } catch let error as IOError where error.errnoCode == EADDRINUSE {
                throw CLIFailure(message: Self.addressInUse(configuration), exitCode: 1)
            }
            logger.info("stopped")
        } catch let failure as CLIFailure {
            printError("intake serve: \(failure.message)")
            throw ExitCode(failure.exitCode)
        }
    }

    /// The busy-port message: every address the configuration binds, since the error does not
    /// say which one another process holds.
    static func addressInUse(_ configuration: IntakeConfiguration) -> String {
        let listen = configuration.listen
        let scheme = listen.tls == nil ? "http" : "https"
        let addresses =
            ["\(scheme)://\(listen.host):\(listen.port) (listen.port)"]
            + configuration.instances.compactMap { instance in
                instance.port.map { "\(scheme)://\(listen.host):\($0) (instance \(instance.name))" }
            }
        return "cannot listen: the address is already in use: \(addresses.joined(separator: ", ")); "
            + "stop the process that holds it (another intake serve?) or change the port"
    }
}
