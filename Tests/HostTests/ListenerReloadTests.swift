import Foundation
import Testing
import Transforms

@testable import Host

/// Reloading mappers in a running listener (SPEC §12 "Reload"): `POST /api/reload`, `SIGHUP`
/// and `--watch` put an edited mapper in force without a restart and without a failed request;
/// a folder that does not load keeps the running mappers and says why; a request in flight
/// finishes with the chain it started with.
@Suite struct ListenerReloadTests {
    static let config = """
        instances:
          - { name: forms, auth: none, mappers: [test-phish] }
        """

    static func phish(version: Int, name: String = "$.title") -> String {
        """
        mapper: test-phish
        version: \(version)
        when: { path: $.kind, equals: phish }
        type: Phishing
        fields:
          name: \(name)
          reporter: $.email
        """
    }

    static func report(_ id: String) -> String {
        #"{"kind": "phish", "id": "\#(id)", "title": "Report \#(id)", "email": "a@example.com"}"#
    }

    /// `clients` senders posting `each` reports back to back to the forms instance: each
    /// answer's status, 200 only for a created incident, so a reload that dropped or
    /// mis-mapped one shows.
    static func postReports(port: Int, clients: Int, each: Int) async throws -> [Int] {
        try await withThrowingTaskGroup(of: [Int].self) { group in
            for client in 0..<clients {
                group.addTask {
                    var statuses: [Int] = []
                    for index in 0..<each where !Task.isCancelled {
                        let response = try await TestHTTP.post(port: port, "/instance/execute/forms", json: report("\(client)-\(index)"))
                        statuses.append(response.status == 200 && response.json?.arrayValue?.first?["status"] == "created" ? 200 : response.status)
                    }
                    return statuses
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
    }

    @Test func theAPIReloadsAnEditedMapperAndKeepsTheRunningOnesWhenTheFolderIsBroken() async throws {
        try await TestServer.with(Self.config) { server in
            let mapperFile = server.folder.appendingPathComponent("mappers/phish.yaml")
            #expect(try await Self.versionOf(server, Self.report("1")) == 2)

            try Self.phish(version: 3).write(to: mapperFile, atomically: true, encoding: .utf8)
            #expect(try await Self.versionOf(server, Self.report("2")) == 2, "nothing changes before a reload")
            let reloaded = try await AdminHTTP.post(server, "/api/reload", json: "")
            #expect(reloaded.status == 200, "\(reloaded)")
            #expect(reloaded["status"] == "reloaded")
            #expect(reloaded["generation"] == 2)
            #expect(reloaded["instances"]?["forms"] == ["test-phish"])
            #expect(try await Self.versionOf(server, Self.report("3")) == 3)

            // A broken file: 422 with the place of the mistake; version 3 still maps.
            try "mapper: test-phish\nversion: 4\nfields:\n  name: $.title[\n".write(to: mapperFile, atomically: true, encoding: .utf8)
            let refused = try await AdminHTTP.post(server, "/api/reload", json: "")
            #expect(refused.status == 422, "\(refused)")
            #expect(refused.error?.contains("generation 2") == true, "\(refused)")
            let errors = refused["errors"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(errors.contains { $0.contains("phish.yaml:4:17") && $0.contains("fields.name") }, "\(refused)")
            #expect(server.logs.all.contains { $0.contains("reload failed; the running configuration and mappers are kept") })
            #expect(try await Self.versionOf(server, Self.report("4")) == 3)

            // A chain naming a mapper the folder no longer has is refused as intake check refuses it.
            try FileManager.default.removeItem(at: mapperFile)
            let missing = try await AdminHTTP.post(server, "/api/reload", json: "")
            #expect(missing.status == 422, "\(missing)")
            #expect(missing["errors"]?.arrayValue?.first?.stringValue?.contains("no mapper named 'test-phish'") == true, "\(missing)")

            try Self.phish(version: 5, name: "[ { template: \"{{ reportr }}\" } ]").write(to: mapperFile, atomically: true, encoding: .utf8)
            let fixed = try await AdminHTTP.post(server, "/api/reload", json: "")
            #expect(fixed.status == 200, "\(fixed)")
            #expect(fixed["generation"] == 3, "failed reloads do not count")
            let warnings = fixed["warnings"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(warnings.contains { $0.contains("reads field 'reportr'") && $0.contains("did you mean 'reporter'?") }, "\(fixed)")
            #expect(try await Self.versionOf(server, Self.report("5")) == 5)
        }
    }

    @Test func aRequestInFlightFinishesWithTheChainItStartedWith() async throws {
        try await TestServer.with(Self.config) { server in
            let body = Array(Self.report("slow").utf8)
            let head = TestHTTP.requestBytes(
                "POST", "/instance/execute/forms", headers: [("Content-Type", "application/json")], contentLength: body.count)
            let mapperFile = server.folder.appendingPathComponent("mappers/phish.yaml")
            let response = try await TestHTTP.exchange(port: server.port, parts: [head + body.prefix(10), Array(body.dropFirst(10))]) {
                // The request was admitted with generation 1 and waits for the rest of its body.
                try await Task.sleep(for: .milliseconds(200))
                try Self.phish(version: 9).write(to: mapperFile, atomically: true, encoding: .utf8)
                let reloaded = try await AdminHTTP.post(server, "/api/reload", json: "")
                #expect(reloaded.status == 200, "\(reloaded)")
            }
            #expect(response.status == 200, "\(response)")
            let stored = try await server.incidents()
            #expect(stored.first { $0.name == "Report slow" }?.mapperVersion == 2)
            #expect(try await Self.versionOf(server, Self.report("after")) == 9)
        }
    }

    /// Posts one report and returns the mapper version its stored incident records.
    static func versionOf(_ server: TestServer, _ report: String) async throws -> Int? {
        let elements = try await AdminHTTP.ingest(server, "forms", report)
        let id = try #require(elements.first?.id, "\(elements)")
        let incident = try await AdminHTTP.get(server, "/api/incidents/\(id)")
        return incident["mapper"]?["version"].flatMap { if case .number(let number) = $0 { number.integralValue } else { nil } }
    }
}

/// `intake serve` as a process: SIGHUP and `--watch` under load.
@Suite(.serialized, .enabled(if: IntakeBinary.isBuilt, "run `swift build` first: these tests run the intake binary"))
struct ServeReloadProcessTests {
    /// Four clients post reports back to back while the mapper is edited and SIGHUP is sent
    /// three times (once with a broken file): every request is answered 200 and mapped; the
    /// versions stored move forward; /metrics tells the reloads apart.
    @Test func sighupReloadsUnderLoadWithoutAFailedRequest() async throws {
        let serve = try await ServeProcess.start(arguments: [])
        defer { serve.stop() }
        let load = Task { try await ListenerReloadTests.postReports(port: serve.port, clients: 4, each: 150) }
        let steps: [(version: Int, broken: Bool)] = [(3, false), (4, true), (5, false), (6, false)]
        for step in steps {
            try await Task.sleep(for: .milliseconds(150))
            let text = step.broken ? "mapper: test-phish\nfields: [\n" : ListenerReloadTests.phish(version: step.version)
            try text.write(to: serve.folder.appendingPathComponent("mappers/phish.yaml"), atomically: true, encoding: .utf8)
            let logged = serve.log.all.joined().components(separatedBy: step.broken ? "reload failed" : "mappers reloaded").count
            kill(serve.pid, SIGHUP)
            try await serve.waitUntil { $0.components(separatedBy: step.broken ? "reload failed" : "mappers reloaded").count > logged }
        }
        let statuses = try await load.value
        #expect(statuses.count == 600)
        #expect(statuses.allSatisfy { $0 == 200 }, "\(Dictionary(grouping: statuses) { $0 }.mapValues(\.count))")

        let metrics = PrometheusText(try await TestHTTP.send(port: serve.port, "GET", "/metrics", body: "").text)
        #expect(metrics.value(#"intake_reloads_total{result="reloaded"}"#) == 3)
        #expect(metrics.value(#"intake_reloads_total{result="failed"}"#) == 1)
        #expect(metrics.value("intake_mappers_generation") == 4)
        #expect(metrics.value("intake_reload_failing") == 0)
        let last = try await TestHTTP.post(port: serve.port, "/instance/execute/forms", json: ListenerReloadTests.report("last"))
        let id = try #require(last.json?.arrayValue?.first?.id)
        let incident = try await TestHTTP.send(port: serve.port, "GET", "/api/incidents/\(id)", body: "")
        #expect(incident["mapper"]?["version"] == 6, "\(incident)")
        #expect(serve.process.isRunning, "SIGHUP must not end the process")
    }

    @Test func watchReloadsWhenAMapperFileChanges() async throws {
        let serve = try await ServeProcess.start(arguments: ["--watch"])
        defer { serve.stop() }
        try ListenerReloadTests.phish(version: 7).write(
            to: serve.folder.appendingPathComponent("mappers/phish.yaml"), atomically: true, encoding: .utf8)
        try await serve.waitUntil { $0.contains("mappers reloaded") && $0.contains("trigger=watch") }
        let answer = try await TestHTTP.post(port: serve.port, "/instance/execute/forms", json: ListenerReloadTests.report("w"))
        let id = try #require(answer.json?.arrayValue?.first?.id)
        let incident = try await TestHTTP.send(port: serve.port, "GET", "/api/incidents/\(id)", body: "")
        #expect(incident["mapper"]?["version"] == 7, "\(incident)")
    }
}

/// A running `intake serve --config` in a scratch folder with the test mappers.
struct ServeProcess {
    var process: Process
    var folder: URL
    var port: Int
    var log: LogCapture
    var pid: Int32 { process.processIdentifier }

    static let defaultConfiguration = """
        listen: { host: 127.0.0.1, port: 0 }
        storage: { sqlite: data.db }
        mappers: mappers
        instances:
          - { name: forms, auth: none, mappers: [test-phish] }
        """

    static func start(arguments: [String], configuration: String = defaultConfiguration) async throws -> ServeProcess {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intake-reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("mappers"), withIntermediateDirectories: true)
        for (name, text) in TestMappers.files {
            try text.write(to: folder.appendingPathComponent("mappers/\(name)"), atomically: true, encoding: .utf8)
        }
        let config = folder.appendingPathComponent("intake.yaml")
        try configuration.write(to: config, atomically: true, encoding: .utf8)
        let launched = try await ServeLaunch.start(config: config, arguments: arguments)
        return ServeProcess(process: launched.process, folder: folder, port: launched.port, log: launched.log)
    }

    /// Waits (polling, at most about 30 s) until the whole log so far satisfies `condition`.
    func waitUntil(_ condition: (String) -> Bool) async throws {
        for _ in 0..<600 {
            if condition(log.all.joined()) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestServerFailure(description: "the log never showed it: \(log.all.joined())")
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }
}
