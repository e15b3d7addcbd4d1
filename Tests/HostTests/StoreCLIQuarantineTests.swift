import Foundation
import Testing
import Transforms

@testable import Host

/// `intake quarantine list|show` on what the real listener quarantined (SPEC §12).
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first: these tests run the intake binary"))
struct StoreCLIQuarantineTests {
    static let instances = """
        instances:
          - name: forms
            auth: none
            mappers: [test-phish]
        """

    @Test func listAndShowWhatTheListenerQuarantined() async throws {
        try await TestServer.with(Self.instances) { server in
            let config = server.folder.appendingPathComponent("intake.yaml").path
            try StoreCLIFixture.write("storage: { sqlite: intake.db }\nmappers: mappers\n" + Self.instances, to: config)
            let held = try await AdminHTTP.ingest(server, "forms", #"{"kind": "phish", "id": "r-1", "title": "No address"}"#)
            let id = try #require(held.first?.id)
            #expect(id.hasPrefix("q"))

            let listed = try IntakeBinary.run(["quarantine", "list", "--config", config])
            #expect(listed.status == 0, "\(listed)")
            let page = try JSON.parse(listed.stdout)
            #expect(page["quarantined"]?.arrayValue?.map(\.id) == [id], "\(listed)")
            #expect(page["next_cursor"] == .null)

            let shown = try IntakeBinary.run(["quarantine", "show", id, "--config", config])
            #expect(shown.status == 0, "\(shown)")
            let payload = try JSON.parse(shown.stdout)
            #expect(payload["payload"]?["title"] == "No address")
            #expect(payload["errors"]?.arrayValue?.first?.stringValue?.contains("reporter") == true, "\(shown)")
            #expect(payload["mapper"] == "test-phish")

            let unknown = try IntakeBinary.run(["quarantine", "show", "q999", "--config", config])
            #expect(unknown.status == 1, "\(unknown)")
            #expect(unknown.stderr.contains("no quarantined payload with id 'q999'"), "\(unknown)")
        }
    }
}
