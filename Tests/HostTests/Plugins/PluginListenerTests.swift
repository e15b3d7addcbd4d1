import Foundation
import Testing
import Transforms

@testable import Host

/// WebAssembly steps in the running listener: ingestion through a plugin, and misbehaving
/// plugins that quarantine their own payload while the listener keeps answering others.
@Suite(.enabled(if: PluginFixtures.areBuilt, "plugins not built: run scripts/build-plugins.sh"))
struct PluginListenerTests {
    static let configuration = """
        plugins: { fuel: 500000 }
        instances:
          - name: tickets
            auth: none
            incident_type: Pasted
            mappers: [spin, crash, pasted]

        """

    @Test("a payload is ingested through defang and mask")
    func ingestThroughPlugins() async throws {
        try await TestServer.with(Self.configuration, prepare: PluginProject.write(into:)) { server in
            let response = try await TestHTTP.post(port: server.port, "/instance/execute/tickets", json: PluginProject.payload)
            #expect(response.status == 200, "\(response)")
            #expect(response.json?.arrayValue?.first?.at("status") == "created", "\(response)")
            let stored = try #require(try await server.incidents().first)
            #expect(stored.incident.details == PluginProject.defanged)
            #expect(try JSON.parse(stored.incident.fieldsText ?? "{}").objectValue?["card"] == .string("************1111"))
        }
    }

    @Test("looping and trapping plugins quarantine their payloads in bounded time while others are answered")
    func misbehavingPluginsAreContained() async throws {
        try await TestServer.with(Self.configuration, prepare: PluginProject.write(into:)) { server in
            let started = Date()
            let bad = [#"{"kind": "spin", "text": "a"}"#, #"{"kind": "crash", "text": "b"}"#, #"{"kind": "spin", "text": "c"}"#]
            async let badResponses = withThrowingTaskGroup(of: TestHTTP.Response.self) { group in
                for body in bad { group.addTask { try await TestHTTP.post(port: server.port, "/instance/execute/tickets", json: body) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // While the bad payloads run, good ones are still answered promptly.
            var slowest = 0.0
            for index in 0..<5 {
                let sent = Date()
                let good = try await TestHTTP.post(
                    port: server.port, "/instance/execute/tickets",
                    json: PluginProject.payload.replacingOccurrences(of: "10.0.0.1", with: "10.0.0.\(index)"))
                slowest = max(slowest, Date().timeIntervalSince(sent))
                #expect(good.json?.arrayValue?.first?.at("status") == "created", "\(good)")
            }
            let responses = try await badResponses
            #expect(Date().timeIntervalSince(started) < 30, "the work bound ends every bad call")
            #expect(slowest < 5, "good payloads waited \(slowest) s")
            for response in responses {
                #expect(response.status == 200, "\(response)")
                #expect(response.json?.arrayValue?.first?.at("status") == "quarantined", "\(response)")
            }
            let quarantined = try await server.quarantined()
            #expect(quarantined.count == 3)
            let errors = quarantined.flatMap(\.errors).joined(separator: "\n")
            #expect(errors.contains("the plugin ran past its work bound (500000 fuel units)"), "\(errors)")
            #expect(errors.contains("the plugin trapped: unreachable"), "\(errors)")
            #expect(try await server.incidents().count == 5)
        }
    }

    @Test("the admin API's dry-run compiles a candidate mapper with the plugin steps")
    func adminDryRunWithPlugins() async throws {
        try await TestServer.with(Self.configuration, prepare: PluginProject.write(into:)) { server in
            let candidate = "mapper: candidate\nfields:\n  details: [ { path: $.text }, defang, mask ]\n"
            let body = JSON.object(
                JSONObject([
                    ("mapper", .string(candidate)), ("payloads", .array([try JSON.parse(PluginProject.payload)])),
                ])
            ).serialized()
            let response = try await AdminHTTP.post(server, "/api/instances/tickets/dry-run", json: body)
            #expect(response.status == 200, "\(response)")
            let details = response.json?.arrayValue?.first?["incident"]?["details"]
            #expect(details == .string(String(repeating: "*", count: PluginProject.defanged.count - 4) + "[.]1"), "\(response)")
        }
    }
}
