import Foundation
import Testing
import Transforms

@testable import Host

/// `GET /api/quarantine` and `POST /api/quarantine/replay`: payloads that failed to map wait
/// in quarantine until a fixed mapper replays them.
@Suite(.serialized) struct AdminQuarantineTests {
    static let config = """
        instances:
          - name: forms
            auth: none
            mappers: [test-phish]
          - name: plain
            auth: none
        """

    /// test-phish reads the reporter from `$.email`; these payloads carry it as `$.sender`.
    static func misfiled(_ id: String) -> String {
        #"{"kind": "phish", "id": "\#(id)", "title": "Misfiled \#(id)", "sender": "Dana@Example.com"}"#
    }

    /// The fix: test-phish (same name, next version) reads `$.sender` when `$.email` is absent.
    static let fixedMapper = """
        mapper: test-phish
        version: 3
        when: { path: $.kind, equals: phish }
        type: Phishing
        dedup: $.id
        fields:
          name: $.title
          reporter: [ { coalesce: [ $.email, $.sender ] } ]
        """

    @Test func quarantinedPayloadsAreListedNewestFirstAcrossPages() async throws {
        try await TestServer.with(Self.config) { server in
            var ids: [String] = []
            for index in 1...3 {
                let elements = try await AdminHTTP.ingest(server, "forms", Self.misfiled("m\(index)"), headers: [("X-Seq", "\(index)")])
                #expect(elements.first?["status"] == "quarantined")
                ids += elements.compactMap(\.id)
            }
            try await AdminHTTP.ingest(server, "plain", #""just a string""#)

            let all = try await AdminHTTP.get(server, "/api/quarantine")
            #expect(all.status == 200)
            #expect(all["quarantined"]?.arrayValue?.count == 4)
            #expect(all["next_cursor"] == .null)

            var seen: [String] = []
            var cursor: String? = nil
            var pages = 0
            repeat {
                let response = try await AdminHTTP.get(
                    server, "/api/quarantine?instance=forms&limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(response.status == 200, "\(response)")
                seen += response["quarantined"]?.arrayValue?.compactMap(\.id) ?? []
                cursor = response["next_cursor"]?.stringValue
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 2)
            #expect(seen == ids.reversed())

            let newest = try #require(all["quarantined"]?.arrayValue?.dropFirst().first?.objectValue)
            #expect(newest.keys == ["id", "instance", "received", "errors", "mapper", "payload", "headers"])
            #expect(newest["id"]?.stringValue == ids[2])
            #expect(newest["instance"] == "forms")
            #expect(newest["errors"] == ["fields.reporter: required field is missing"])
            #expect(newest["mapper"] == "test-phish")
            #expect(newest["payload"] == (try JSON.parse(Self.misfiled("m3"))))
            #expect(newest["headers"]?["x-seq"] == "3")
            let defaultMapped = try #require(all["quarantined"]?.arrayValue?.first)
            #expect(defaultMapped["mapper"] == .null)
            #expect(defaultMapped["payload"] == "just a string")
        }
    }

    @Test func replayAfterFixingTheMapperCreatesTheIncidents() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intake-admin-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("shared.db").path
        var quarantined: [String] = []

        // Today's mapper quarantines the payloads; a replay with it changes nothing.
        let before = try SQLiteIncidentStore(path: database)
        try await before.migrate()
        try await TestServer.with(Self.config, store: before) { server in
            for index in 1...2 {
                quarantined += try await AdminHTTP.ingest(server, "forms", Self.misfiled("f\(index)")).compactMap(\.id)
            }
            let replay = try await AdminHTTP.post(server, "/api/quarantine/replay", json: "{}")
            #expect(replay.status == 200, "\(replay)")
            #expect(replay["replayed"] == 2)
            #expect(replay["created"] == 0)
            #expect(replay["still_quarantined"] == 2)
            #expect(try await AdminHTTP.get(server, "/api/quarantine")["quarantined"]?.arrayValue?.count == 2)
        }
        #expect(quarantined.count == 2)

        // The fixed mapper is deployed (a restart over the same database): replay one by id,
        // then the rest of the instance.
        let after = try SQLiteIncidentStore(path: database)
        try await after.migrate()
        try await TestServer.with(
            Self.config, store: after,
            prepare: { folder in
                try Self.fixedMapper.write(to: folder.appendingPathComponent("mappers/phish.yaml"), atomically: true, encoding: .utf8)
            }
        ) { server in
            let one = try await AdminHTTP.post(server, "/api/quarantine/replay", json: #"{"ids": ["\#(quarantined[0])"]}"#)
            #expect(one.status == 200, "\(one)")
            #expect(one["replayed"] == 1)
            #expect(one["created"] == 1)
            #expect(one["duplicate"] == 0)
            #expect(one["still_quarantined"] == 0)
            let result = try #require(one["results"]?.arrayValue?.first)
            #expect(result["id"]?.stringValue == quarantined[0])
            let incidentID = try #require(result["incidents"]?.arrayValue?.first?.id)

            let incident = try await AdminHTTP.get(server, "/api/incidents/\(incidentID)")
            #expect(incident["fields"] == ["reporter": "dana@example.com"])
            #expect(incident["mapper"] == ["name": "test-phish", "version": 3])
            #expect(incident["dedup_key"] == "f1")

            let left = try await AdminHTTP.get(server, "/api/quarantine")
            #expect(left["quarantined"]?.arrayValue?.compactMap(\.id) == [quarantined[1]])

            let rest = try await AdminHTTP.post(server, "/api/quarantine/replay", json: #"{"instance": "forms"}"#)
            #expect(rest["replayed"] == 1)
            #expect(rest["created"] == 1)
            #expect(try await AdminHTTP.get(server, "/api/quarantine")["quarantined"] == [])
            #expect(try await AdminHTTP.get(server, "/api/incidents?instance=forms")["incidents"]?.arrayValue?.count == 2)

            // Nothing is left to replay: a second replay of the same id creates nothing.
            let again = try await AdminHTTP.post(server, "/api/quarantine/replay", json: #"{"ids": ["\#(quarantined[0])"]}"#)
            #expect(again["replayed"] == 0)
            #expect(again["created"] == 0)
            #expect(try await server.incidents().count == 2)
        }
    }

    @Test func badReplayRequestsAreRefused() async throws {
        try await TestServer.with(Self.config) { server in
            let cases: [(String, Int)] = [
                (#"{"ids": "q1"}"#, 400),
                (#"{"ids": [1]}"#, 400),
                (#"{"instance": 3}"#, 400),
                (#"{"id": ["q1"]}"#, 400),
                (#"{"instance": "nobody"}"#, 404),
                ("[]", 400),
            ]
            for (body, status) in cases {
                let response = try await AdminHTTP.post(server, "/api/quarantine/replay", json: body)
                #expect(response.status == status, "\(body): \(response)")
                #expect(response.error != nil)
            }
        }
    }
}
