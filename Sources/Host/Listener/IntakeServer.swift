import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle
import Transforms
import UnixSignals

/// The running listener: the store and one HTTP server per port, in one `ServiceGroup`.
///
/// Services shut down in reverse order, so on SIGTERM/SIGINT the HTTP servers stop accepting
/// and finish their in-flight requests (each answered only after its commit) before the
/// store closes; then `run` returns and the process exits 0.
package struct IntakeServer: Sendable {
    package let configuration: IntakeConfiguration
    package let service: IngestionService
    package let store: any IncidentStore
    let logger: Logger

    package init(service: IngestionService, logger: Logger) {
        self.service = service
        self.configuration = service.configuration
        self.store = service.store
        self.logger = logger
    }

    /// A bound listening socket, reported once the server accepts connections.
    package struct Listening: Sendable, Equatable {
        /// `nil` for the main listener, else the instance served on this port.
        package var instance: String?
        package var host: String
        package var port: Int
        package var scheme: String
    }

    /// Runs until graceful shutdown (SIGTERM or SIGINT when `handlesSignals`) or cancellation.
    ///
    /// - Parameters:
    ///   - handlesSignals: also reload on SIGHUP (SPEC §12).
    ///   - watchInterval: `--watch`: how often to look for a changed configuration or mapper
    ///     file; nil: never.
    ///   - onListening: called once per bound socket, with the port actually bound
    ///     (which tells the port when the configuration says `0`).
    package func run(
        handlesSignals: Bool = true, watchInterval: Duration? = nil,
        onListening: @escaping @Sendable (Listening) async -> Void = { _ in }
    ) async throws {
        // Shut down in reverse: the servers stop first, then the delivery worker finishes its
        // attempts in flight, then the store closes.
        var services: [any Service] = [
            StoreService(store: store, logger: logger),
            DeliveryWorker(actions: { [live = service.live] in live.current.configuration.actions }, store: store, logger: logger),
        ]
        if handlesSignals {
            services.append(ReloadOnSignal(signals: await UnixSignalsSequence(trapping: .sighup), reloader: service.reloader))
        }
        if let watchInterval {
            let source = configuration.mapperSource
            let file = configuration.isEmbeddedDefault ? [] : [configuration.source]
            services.append(
                ReloadWatch(paths: file + [source.directory, source.pluginFolder], interval: watchInterval, reloader: service.reloader))
        }
        services.append(
            try application(
                router: IntakeRouter.mainRouter(service: service, store: store, configuration: configuration),
                port: configuration.listen.port, instance: nil, onListening: onListening))
        for instance in configuration.instances {
            guard let port = instance.port else { continue }
            services.append(
                try application(
                    router: IntakeRouter.instanceRouter(service: service, instance: instance.name, store: store),
                    port: port, instance: instance.name, onListening: onListening))
        }
        // Last in the list, so first to hear of a shutdown: it logs the start of it and ends.
        let notice = ServiceGroupConfiguration.ServiceConfiguration(
            service: ShutdownNotice(logger: logger), successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { .init(service: $0) } + [notice],
                gracefulShutdownSignals: handlesSignals ? [.sigterm, .sigint] : [], logger: logger))
        try await group.run()
    }

    func application(
        router: Router<IntakeRequestContext>, port: Int, instance: String?,
        onListening: @escaping @Sendable (Listening) async -> Void
    ) throws -> some Service {
        let limits = configuration.limits
        let host = configuration.listen.host
        let scheme = configuration.listen.tls == nil ? "http" : "https"
        var http1 = HTTP1Channel.Configuration(idleTimeout: .seconds(Int64(limits.idleTimeoutSeconds)))
        http1.httpDecoder = .init(maxHeaderFieldSize: limits.maxHeaderBytes, maxHeaderListSize: limits.maxHeaderBytes)
        let census = ConnectionCensus(capacity: limits.maxConnections)
        var server = HTTPServerBuilder.guardedHTTP1(
            configuration: http1, census: census, readTimeout: .seconds(Int64(limits.readTimeoutSeconds)))
        if let tls = configuration.listen.tls {
            server = try .tls(server, tlsConfiguration: try TLSFiles.serverConfiguration(tls))
        }
        let logger = logger
        return Application(
            router: router,
            server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: port), serverName: nil,
                availableConnectionsDelegate: MaximumAvailableConnections(
                    limits.maxConnections + ConnectionCensus.healthReserve, logger: logger)),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                let listening = Listening(instance: instance, host: host, port: bound, scheme: scheme)
                var metadata: Logger.Metadata = ["address": "\(scheme)://\(host):\(bound)"]
                if let instance { metadata["instance"] = "\(instance)" }
                logger.info("listening", metadata: metadata)
                if instance == nil { logEndpoints(port: bound) }
                await onListening(listening)
            },
            logger: logger)
    }
}

extension IntakeServer {
    /// Logs where each instance is reached, as `intake instances` prints it, once the main
    /// listener's port is known (an instance with its own port shows its configured one).
    func logEndpoints(port: Int) {
        for instance in configuration.instances {
            let endpoint = InstanceEndpoint(instance, listen: configuration.listen, port: port, ownPort: instance.port)
            logger.info(
                "instance ready",
                metadata: ["instance": "\(endpoint.name)", "url": "\(endpoint.urls.joined(separator: " "))", "auth": "\(endpoint.auth)"])
        }
    }
}

/// Keeps the store open while the servers run, and closes it last on shutdown.
struct StoreService: Service {
    let store: any IncidentStore
    let logger: Logger

    func run() async throws {
        // Returns when shutdown starts (or the task is cancelled); the servers listed after
        // this service have stopped by then, so no commit is still in flight.
        try? await gracefulShutdown()
        do {
            try await store.close()
        } catch {
            logger.error("closing the store failed", metadata: ["error": "\(error)"])
        }
    }
}

/// Logs the moment a graceful shutdown starts, before the servers finish their requests.
struct ShutdownNotice: Service {
    let logger: Logger

    func run() async throws {
        do {
            try await gracefulShutdown()
            logger.info("shutting down: no new connections; finishing the requests in flight")
        } catch {
            // Cancelled: nothing to announce.
        }
    }
}
