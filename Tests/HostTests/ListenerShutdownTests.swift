import Foundation
import Testing
import Transforms

@testable import Host

/// `intake serve` as a process: SIGTERM while a request is in flight finishes and commits that
/// request, then the process exits 0 and the data is in the database.
@Suite(.serialized) struct ListenerShutdownTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/intake").path

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary), "needs the built binary (swift build)"))
    func sigtermFinishesTheRequestInFlightAndExitsZero() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intake-shutdown-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("mappers"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in TestMappers.files {
            try text.write(to: folder.appendingPathComponent("mappers/\(name)"), atomically: true, encoding: .utf8)
        }
        let config = folder.appendingPathComponent("intake.yaml")
        try """
        listen: { host: 127.0.0.1, port: 0 }
        storage: { sqlite: data.db }
        mappers: mappers
        instances:
          - { name: forms, auth: none, mappers: [test-phish] }
        """.write(to: config, atomically: true, encoding: .utf8)

        let serve = try await ServeLaunch.start(config: config, logLevel: "debug")
        let (process, log, port) = (serve.process, serve.log, serve.port)
        defer { if process.isRunning { process.terminate() } }

        let body = #"{"name": "in flight at shutdown"}"#
        let head = TestHTTP.requestBytes(
            "POST", "/instance/execute/forms", headers: [("Content-Type", "application/json")], contentLength: body.utf8.count)
        let halves = [Array(body.utf8.prefix(10)), Array(body.utf8.dropFirst(10))]
        let pid = process.processIdentifier
        let response = try await TestHTTP.exchange(port: port, parts: [head + halves[0], halves[1]]) {
            // The head has been read and the handler waits for the body: the request is in flight.
            try await ServeLaunch.waitFor(log, "request received")
            kill(pid, SIGTERM)
            // Let the signal reach the service group before the rest of the body arrives.
            try await ServeLaunch.waitFor(log, "shutting down")
        }
        #expect(response.status == 200, "\(response)")
        var statuses = serve.exitStatuses.makeAsyncIterator()
        let status = await statuses.next()
        #expect(status == 0, "\(log.all.joined())")

        let store = try SQLiteIncidentStore(path: folder.appendingPathComponent("data.db").path)
        try await store.migrate()
        let stored = try await store.incidents(IncidentQuery(limit: 10)).items
        #expect(stored.map(\.name) == ["in flight at shutdown"])
        #expect(stored.first?.id == response.json?.arrayValue?.first?.objectValue?["id"]?.stringValue)
        try await store.close()
    }
}
