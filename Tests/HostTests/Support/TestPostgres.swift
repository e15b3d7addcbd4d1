import Foundation
import Logging
import PostgresNIO
import Testing

@testable import Host

/// The test cluster scripts/with-postgres.sh starts, and a fresh schema per test in it.
///
/// A schema (not a database) per test keeps tests independent at the cost of one
/// `CREATE SCHEMA`; every store of a test sees only its own tables and sequences.
enum TestPostgres {
    /// The cluster's URL (a superuser), or nil when no cluster is up.
    static var url: String? {
        ProcessInfo.processInfo.environment["INTAKE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var isAvailable: Bool { url != nil }

    /// Why PostgreSQL tests do not run, for skips.
    static let missing = "no PostgreSQL test cluster: run scripts/test.sh, or scripts/with-postgres.sh swift test"

    /// The URL, or: the current test is skipped with the reason, and under CI it fails.
    static func requireURL(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        if let url { return url }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("CI=true but \(missing)", sourceLocation: sourceLocation)
            throw TestServerFailure(description: missing)
        }
        try Test.cancel(Comment(rawValue: missing), sourceLocation: sourceLocation)
    }

    /// What the store tests run with: the defaults, but 30 s for an operation. They check what
    /// is stored, not how fast; with the whole suite running on two cores a commit can take
    /// longer than the 5 s a listener allows (the outage tests check that bound).
    static let storeConfiguration = PostgresStoreConfiguration(operationTimeoutSeconds: 30)

    /// Runs `body` with a store over a new schema, then closes it and drops the schema.
    static func withSchema(
        configuration: PostgresStoreConfiguration = storeConfiguration, _ body: (PostgresIncidentStore) async throws -> Void
    ) async throws {
        let url = try requireURL()
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await admin(url) { "CREATE SCHEMA \(unescaped: schema)" }
        var configuration = configuration
        configuration.schema = schema
        let store = try PostgresIncidentStore(url: url, configuration: configuration)
        do {
            try await store.migrate()
            try await body(store)
            try await store.close()
        } catch {
            try? await store.close()
            try? await admin(url) { "DROP SCHEMA \(unescaped: schema) CASCADE" }
            throw error
        }
        try await admin(url) { "DROP SCHEMA \(unescaped: schema) CASCADE" }
    }

    /// A connection of its own to the cluster, for sessions a test holds (locks) or short statements.
    static func connect(_ url: String) async throws -> PostgresConnection {
        let parsed = try PostgresURL(url)
        return try await PostgresConnection.connect(
            configuration: PostgresConnection.Configuration(
                host: parsed.host, port: parsed.port, username: parsed.user, password: parsed.password,
                database: parsed.database, tls: .disable),
            id: 1, logger: Logger(label: "intake-test"))
    }

    /// Runs one statement on its own short-lived connection.
    static func admin(_ url: String, _ query: () -> PostgresQuery) async throws {
        let connection = try await connect(url)
        do {
            _ = try await connection.query(query(), logger: Logger(label: "intake-test")).collect()
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

extension TestPostgres {
    /// Runs `body` with the URL of a new database, dropped afterwards: for `intake` processes,
    /// which take a URL and nothing else.
    static func withDatabase(_ body: (String) async throws -> Void) async throws {
        let url = try requireURL()
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await admin(url) { "CREATE DATABASE \(unescaped: name)" }
        let databaseURL = try replacingDatabase(of: url, with: name)
        do {
            try await body(databaseURL)
        } catch {
            try? await admin(url) { "DROP DATABASE \(unescaped: name) WITH (FORCE)" }
            throw error
        }
        try await admin(url) { "DROP DATABASE \(unescaped: name) WITH (FORCE)" }
    }

    static func replacingDatabase(of url: String, with name: String) throws -> String {
        guard var components = URLComponents(string: url) else { throw TestServerFailure(description: "bad test URL") }
        components.path = "/" + name
        guard let text = components.string else { throw TestServerFailure(description: "bad test URL") }
        return text
    }
}

extension TestPostgres {
    /// Runs `$INTAKE_TEST_POSTGRES_CTL stop|start` (scripts/with-postgres.sh) and returns its
    /// exit status; its output goes to the cluster's server.log or nowhere.
    ///
    /// A plain spawn and a blocking `waitpid` on a thread of its own, not Foundation's
    /// `Process`: in a test process whose NIO threads do not block SIGCHLD, `Process` never
    /// reported the exit of `pg_ctl start` (whose server outlives it) and the test hung.
    static func control(_ command: String) async throws -> Int32 {
        let script = try #require(ProcessInfo.processInfo.environment["INTAKE_TEST_POSTGRES_CTL"], "no INTAKE_TEST_POSTGRES_CTL")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup(script), strdup(command)]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, script, &actions, nil, arguments + [nil], environ)
        guard spawned == 0 else { throw TestServerFailure(description: "cannot run \(script): errno \(spawned)") }
        let child = pid
        let status: Int32 = await withCheckedContinuation { continuation in
            Thread {
                var status: Int32 = 0
                while waitpid(child, &status, 0) == -1, errno == EINTR {}
                continuation.resume(returning: status)
            }.start()
        }
        // WIFEXITED and WEXITSTATUS, which Swift does not import.
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
