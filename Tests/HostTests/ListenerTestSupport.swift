import Foundation
import Logging
import Testing
import Transforms

@testable import Host

/// Starts the real listener on loopback ports chosen by the system, with a temporary folder
/// holding the configuration's files, an SQLite store and a small mappers folder.
struct TestServer {
    /// The main listener's port.
    var port: Int
    /// The ports of instances that have their own.
    var instancePorts: [String: Int]
    var store: any IncidentStore
    var folder: URL
    var logs: LogCapture

    /// Every incident of the store, oldest first.
    func incidents() async throws -> [StoredIncident] {
        try await store.incidents(IncidentQuery(limit: 500)).items.reversed()
    }

    func quarantined() async throws -> [QuarantinedPayload] {
        try await store.quarantined(QuarantineQuery(limit: 500)).items.reversed()
    }

    /// Starts a server for `configuration` (YAML; `listen`, `storage` and `mappers` are added
    /// when absent), runs `body`, then stops the server.
    static func with(
        _ configuration: String, store givenStore: (any IncidentStore)? = nil, environment variables: [String: String] = [:],
        prepare: (URL) throws -> Void = { _ in },
        _ body: (TestServer) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intake-listener-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("mappers"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in TestMappers.files {
            try text.write(to: folder.appendingPathComponent("mappers/\(name)"), atomically: true, encoding: .utf8)
        }
        try prepare(folder)
        var text = configuration
        if !text.contains("listen:") { text = "listen: { host: 127.0.0.1, port: 0 }\n" + text }
        if !text.contains("storage:") { text = "storage: { sqlite: intake.db }\n" + text }
        if !text.contains("mappers: mappers") { text = "mappers: mappers\n" + text }
        // A real file, as `intake serve --config` reads it, so a reload reads it again.
        let file = folder.appendingPathComponent("intake.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let config = try IntakeConfiguration.load(contentsOf: file.path, environment: variables)
        let logs = LogCapture()
        let logger = Logger(label: "intake-test") { _ in logs.handler() }
        let store: any IncidentStore
        if let given = givenStore {
            store = given
        } else {
            // The configuration's store (SQLite in the folder, or a PostgreSQL test database).
            store = try await IntakeEnvironment.standard(logger: logger).stores.open(config, access: .createIfMissing)
        }
        // As `intake serve` builds it: the mappers with the plugins of the configuration.
        let environment = IntakeEnvironment.standard(logger: logger)
        let service = try IngestionService(
            configuration: config, environment: environment, store: store, mappers: environment.mappers(config.mapperSource),
            variables: variables)
        let server = IntakeServer(service: service, logger: logger)
        let expected = 1 + config.instances.filter { $0.port != nil }.count
        let (stream, continuation) = AsyncStream<IntakeServer.Listening>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await server.run(handlesSignals: false) { continuation.yield($0) }
            }
            var listening: [IntakeServer.Listening] = []
            for await bound in stream {
                listening.append(bound)
                if listening.count == expected { break }
            }
            guard listening.count == expected, let main = listening.first(where: { $0.instance == nil }) else {
                _ = try await group.next()
                throw TestServerFailure(description: "the server stopped before listening")
            }
            var ports: [String: Int] = [:]
            for bound in listening { if let instance = bound.instance { ports[instance] = bound.port } }
            let running = TestServer(port: main.port, instancePorts: ports, store: store, folder: folder, logs: logs)
            do {
                try await body(running)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
            while true {
                do { guard try await group.next() != nil else { break } } catch { continue }
            }
        }
    }
}

struct TestServerFailure: Error, CustomStringConvertible {
    var description: String
}

/// The test mappers: one mapper for `{"kind": "phish"}` payloads with a required reporter and
/// a dedup key, and the types it selects.
enum TestMappers {
    static let files: [String: String] = [
        "types.yaml": """
        incident_types:
          Phishing:
            fields:
              reporter: { type: email, required: true }
          Unclassified: {}
        """,
        "phish.yaml": """
        mapper: test-phish
        version: 2
        when: { path: $.kind, equals: phish }
        type: Phishing
        dedup: $.id
        fields:
          name: $.title
          reporter: $.email
        """,
    ]
}

/// Collects every log line (message and metadata) so tests can check what is never logged.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }

    func handler() -> some LogHandler { CapturingLogHandler(capture: self) }
}

struct CapturingLogHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        capture.append("\(event.level) \(event.message) \(merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
    }
}
