import Foundation
import Testing
import Transforms

@testable import Host

/// The store commands on what the real listener stored: payloads POSTed to a running server,
/// then read (while it still runs, sharing the SQLite file or the PostgreSQL database) by the
/// `intake` binary, which needs no local state for PostgreSQL.
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first: these tests run the intake binary"))
struct StoreCLIServeTests {
    static let instances = """
        instances:
          - name: forms
            auth: none
            store_samples: true
            mappers: [test-phish]
        """

    @Test(arguments: [StoreKind.sqliteFile, .postgres])
    func whatTheListenerStoredIsListedDryRunAndReplayed(kind: StoreKind) async throws {
        if kind == .postgres {
            try await TestPostgres.withDatabase { url in
                try await whatTheListenerStoredIsListedDryRunAndReplayed(storage: "storage: { postgres: \"\(url)\" }\n")
            }
        } else {
            try await whatTheListenerStoredIsListedDryRunAndReplayed(storage: "storage: { sqlite: intake.db }\n")
        }
    }

    private func whatTheListenerStoredIsListedDryRunAndReplayed(storage: String) async throws {
        try await TestServer.with(storage + Self.instances) { server in
            let config = server.folder.appendingPathComponent("intake.yaml").path
            try StoreCLIFixture.write(storage + "mappers: mappers\n" + Self.instances, to: config)
            func intake(_ arguments: [String], expecting status: Int32 = 0) throws -> JSON {
                let outcome = try IntakeBinary.run(arguments + ["--config", config], in: server.folder)
                #expect(outcome.status == status, "intake \(arguments): \(outcome)")
                return try JSON.parse(outcome.stdout)
            }

            let mapped = try await TestHTTP.post(
                port: server.port, "/instance/execute/forms",
                json: #"{"kind": "phish", "id": "r-1", "title": "Suspicious mail", "email": "Alice@Example.COM"}"#,
                headers: [("X-Sender", "forms-script"), ("Authorization", "Bearer never-kept")])
            let created = try #require(mapped.json?.arrayValue?.first)
            #expect(created.at("status") == "created")
            let held = try await TestHTTP.post(
                port: server.port, "/instance/execute/forms",
                json: #"{"kind": "phish", "id": "r-2", "title": "No address", "contact": "bob@example.com"}"#)
            let quarantined = try #require(held.json?.arrayValue?.first)
            #expect(quarantined.at("status") == "quarantined")

            // incidents: the stored incident, with the payload as sent and the kept headers.
            let listed = try intake(["incidents", "list"])
            #expect(listed.at("incidents")?.arrayValue?.count == 1)
            #expect(listed.at("incidents")?.at(0)?.at("id") == created.at("id"))
            let id = try #require(created.at("id")?.stringValue)
            let shown = try intake(["incidents", "show", id, "--raw", "--explain"])
            #expect(shown.at("fields")?.at("reporter") == "alice@example.com")
            #expect(shown.at("raw")?.at("payload")?.at("email") == "Alice@Example.COM")
            #expect(shown.at("raw")?.at("headers")?.at("x-sender") == "forms-script")
            #expect(shown.at("raw")?.at("headers")?.at("authorization") == nil)
            #expect(shown.at("provenance")?.at("fields")?.at("reporter")?.at("value") == "alice@example.com")

            // samples: both payloads, newest first; a dry-run of them with today's chain.
            let samples = try intake(["samples", "list", "--instance", "forms"])
            #expect(samples.at("samples")?.arrayValue?.map { $0.at("payload")?.at("id") } == ["r-2", "r-1"])
            let dryRun = try intake(["dry-run", "--instance", "forms", "--stored"], expecting: 1)
            #expect(dryRun.arrayValue?.map { $0.at("status") } == ["quarantined", "mapped"])

            // replay: still failing, then fixed.
            let before = try intake(["replay"], expecting: 1)
            #expect(before.at("results")?.at(0)?.at("id") == quarantined.at("id"))
            let mapper = server.folder.appendingPathComponent("mappers/phish.yaml")
            let fixed = try String(contentsOf: mapper, encoding: .utf8)
                .replacingOccurrences(of: "reporter: $.email", with: "reporter: [ { coalesce: [ $.email, $.contact ] } ]")
            try StoreCLIFixture.write(fixed, to: mapper.path)
            let after = try intake(["replay"])
            #expect(after.at("created") == 1)
            #expect(after.at("still_quarantined") == 0)
            let now = try intake(["incidents", "list"])
            #expect(now.at("incidents")?.at(0)?.at("fields")?.at("reporter") == "bob@example.com")
            #expect(now.at("incidents")?.at(0)?.at("dedup_key") == "r-2")
        }
    }
}
