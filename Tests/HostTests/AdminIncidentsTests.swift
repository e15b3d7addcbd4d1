import Foundation
import Testing
import Transforms

@testable import Host

/// `GET /api/incidents`, `GET /api/incidents/{id}` and `GET /api/instances/{name}/samples` on
/// the real listener (no admin token: loopback clients get in).
@Suite(.serialized) struct AdminIncidentsTests {
    static let config = """
        instances:
          - name: forms
            auth: none
            store_samples: true
            samples_kept: 10
            mappers: [test-phish]
          - name: other
            auth: none
            incident_type: Ops
        """

    static func phish(_ id: String, email: String = "Alice@Example.com") -> String {
        #"{"kind": "phish", "id": "\#(id)", "title": "Phish \#(id)", "email": "\#(email)"}"#
    }

    @Test func incidentsComeNewestFirstAcrossPages() async throws {
        try await TestServer.with(Self.config) { server in
            var created: [String] = []
            for index in 1...5 {
                let elements = try await AdminHTTP.ingest(server, "forms", Self.phish("p\(index)"))
                created += elements.compactMap(\.id)
            }
            for index in 1...2 {
                created += try await AdminHTTP.ingest(server, "other", #"{"name": "ops \#(index)"}"#).compactMap(\.id)
            }
            #expect(created.count == 7)

            // limit=3: pages of 3, 3, 1, newest first; the last cursor is null.
            var seen: [String] = []
            var cursor: String? = nil
            var pages = 0
            repeat {
                let path = "/api/incidents?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
                let response = try await AdminHTTP.get(server, path)
                #expect(response.status == 200, "\(response)")
                let incidents = try #require(response["incidents"]?.arrayValue)
                #expect(incidents.count == (pages < 2 ? 3 : 1))
                seen += incidents.compactMap(\.id)
                let next = try #require(response["next_cursor"])
                cursor = next.stringValue
                if cursor == nil { #expect(next == .null) }
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(seen == created.reversed())

            // Each entry is the incident JSON of SPEC §7, with id, instance and created.
            let page = try await AdminHTTP.get(server, "/api/incidents?instance=forms&limit=1")
            let newest = try #require(page["incidents"]?.arrayValue?.first?.objectValue)
            #expect(newest.keys == ["id", "instance", "type", "name", "occurred", "created", "severity", "fields", "mapper", "dedup_key"])
            #expect(newest["id"]?.stringValue == created[4])
            #expect(newest["instance"] == "forms")
            #expect(newest["type"] == "Phishing")
            #expect(newest["name"] == "Phish p5")
            #expect(newest["fields"] == ["reporter": "alice@example.com"])
            #expect(newest["mapper"] == ["name": "test-phish", "version": 2])
            #expect(newest["dedup_key"] == "p5")
            #expect(newest["created"]?.stringValue.flatMap { ISO8601.parse($0, zone: nil) } != nil)

            // Filters: instance, type, since.
            let other = try await AdminHTTP.get(server, "/api/incidents?instance=other")
            #expect(other["incidents"]?.arrayValue?.compactMap(\.id) == Array(created[5...].reversed()))
            #expect(other["next_cursor"] == .null)
            let ops = try await AdminHTTP.get(server, "/api/incidents?type=Ops")
            #expect(ops["incidents"]?.arrayValue?.count == 2)
            let phishing = try await AdminHTTP.get(server, "/api/incidents?type=Phishing&instance=forms")
            #expect(phishing["incidents"]?.arrayValue?.count == 5)
            let future = try await AdminHTTP.get(server, "/api/incidents?since=2999-01-01T00:00:00Z")
            #expect(future["incidents"] == [])
            let past = try await AdminHTTP.get(server, "/api/incidents?since=2000-01-01T00:00:00%2B01:00")
            #expect(past["incidents"]?.arrayValue?.count == 7)
            let none = try await AdminHTTP.get(server, "/api/incidents?instance=nobody")
            #expect(none.status == 200)
            #expect(none["incidents"] == [])
        }
    }

    @Test func badListingParametersAre400WithAMessage() async throws {
        try await TestServer.with(Self.config) { server in
            let cases: [(String, String)] = [
                ("limit=0", "limit: '0' is not a whole number from 1 to 500."),
                ("limit=501", "limit: '501' is not a whole number from 1 to 500."),
                ("limit=ten", "limit: 'ten' is not a whole number from 1 to 500."),
                ("limit=-3", "limit: '-3' is not a whole number from 1 to 500."),
                ("since=yesterday", "since: 'yesterday' is not an RFC 3339 instant such as 2026-11-28T14:03:12Z (write + as %2B in a URL)."),
                ("cursor=bm90LWEtY3Vyc29y", "invalid cursor: pass back the next_cursor of a previous page unchanged"),
            ]
            for (query, message) in cases {
                let response = try await AdminHTTP.get(server, "/api/incidents?" + query)
                #expect(response.status == 400, "\(query): \(response)")
                #expect(response.error == message)
            }
            let fine = try await AdminHTTP.get(server, "/api/incidents?limit=500")
            #expect(fine.status == 200)
            let quarantine = try await AdminHTTP.get(server, "/api/quarantine?limit=0")
            #expect(quarantine.status == 400)
            let samples = try await AdminHTTP.get(server, "/api/instances/forms/samples?limit=x")
            #expect(samples.status == 400)
        }
    }

    @Test func oneIncidentWithRawPayloadAndProvenance() async throws {
        try await TestServer.with(Self.config) { server in
            let body = Self.phish("r1")
            let elements = try await AdminHTTP.ingest(
                server, "forms", body, headers: [("X-Request-Id", "abc-123"), ("Authorization", "Bearer not-kept")])
            let id = try #require(elements.first?.id)

            let plain = try await AdminHTTP.get(server, "/api/incidents/\(id)")
            #expect(plain.status == 200)
            #expect(plain["id"]?.stringValue == id)
            #expect(plain["raw"] == nil)
            #expect(plain["provenance"] == nil)
            #expect(plain["fields"] == ["reporter": "alice@example.com"])

            let raw = try await AdminHTTP.get(server, "/api/incidents/\(id)?raw=1")
            #expect(raw.status == 200)
            #expect(raw["raw"]?["payload"] == (try JSON.parse(body)))
            // The payload exactly as sent: a single-object body is kept byte for byte.
            #expect(raw.text.contains(#""payload":"# + body))
            let headers = try #require(raw["raw"]?["headers"]?.objectValue)
            #expect(headers["x-request-id"] == "abc-123")
            #expect(headers["authorization"] == nil)
            #expect(raw["provenance"] == nil)

            let explained = try await AdminHTTP.get(server, "/api/incidents/\(id)?explain=1")
            let provenance = try #require(explained["provenance"])
            #expect(provenance["mapper"] == "test-phish")
            #expect(provenance["fields"]?["reporter"]?["value"] == "alice@example.com")
            #expect(provenance["fields"]?["reporter"]?["steps"]?.arrayValue?.isEmpty == false)
            #expect(explained["raw"] == nil)

            let both = try await AdminHTTP.get(server, "/api/incidents/\(id)?raw=true&explain=true")
            #expect(both["raw"] != nil && both["provenance"] != nil)
            let off = try await AdminHTTP.get(server, "/api/incidents/\(id)?raw=0&explain=false")
            #expect(off["raw"] == nil && off["provenance"] == nil)

            for missing in ["999999", "abc", "q1", "0"] {
                let response = try await AdminHTTP.get(server, "/api/incidents/\(missing)")
                #expect(response.status == 404, "\(missing): \(response)")
                #expect(response.error == "No incident with id '\(missing)'.")
            }
            let badFlag = try await AdminHTTP.get(server, "/api/incidents/\(id)?raw=maybe")
            #expect(badFlag.status == 400)
            #expect(badFlag.error == "raw: 'maybe' is not 1 or 0.")
        }
    }

    @Test func samplesComeNewestFirst() async throws {
        try await TestServer.with(Self.config) { server in
            let bodies = (1...4).map { #"{"name": "sample \#($0)", "n": \#($0)}"# }
            for body in bodies {
                try await AdminHTTP.ingest(server, "forms", body, headers: [("X-Seq", "\(body.count)")])
            }
            let response = try await AdminHTTP.get(server, "/api/instances/forms/samples")
            #expect(response.status == 200)
            let samples = try #require(response["samples"]?.arrayValue)
            #expect(samples.count == 4)
            #expect(samples.map { $0["payload"] } == bodies.reversed().map { try? JSON.parse($0) })
            #expect(samples.allSatisfy { $0.objectValue?.keys == ["id", "received", "headers", "payload"] })
            #expect(samples.allSatisfy { $0["id"]?.stringValue?.hasPrefix("s") == true })
            #expect(samples.first?["headers"]?["x-seq"] != nil)
            #expect(samples.first?["received"]?.stringValue.flatMap { ISO8601.parse($0, zone: nil) } != nil)

            let stored = try await server.store.samples(instance: "forms", limit: 10)
            #expect(samples.compactMap(\.id) == stored.map(\.id))

            let two = try await AdminHTTP.get(server, "/api/instances/forms/samples?limit=2")
            #expect(two["samples"]?.arrayValue?.compactMap(\.id) == Array(stored.prefix(2).map(\.id)))

            let keepsNone = try await AdminHTTP.get(server, "/api/instances/other/samples")
            #expect(keepsNone.status == 200)
            #expect(keepsNone["samples"] == [])

            let unknown = try await AdminHTTP.get(server, "/api/instances/nobody/samples")
            #expect(unknown.status == 404)
            #expect(unknown.error == "No instance named 'nobody'.")
        }
    }
}
