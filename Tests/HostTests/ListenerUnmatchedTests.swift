import Foundation
import Testing
import Transforms

@testable import Host

/// What happens to a payload no mapper matches (`on_unmatched`, SPEC §12) and to JSON sent as
/// a form (`curl --data @file.json` without a JSON Content-Type): never a junk incident made
/// silently.
@Suite struct ListenerUnmatchedTests {
    static let phish = #"{"kind": "phish", "id": "p1", "title": "Odd mail", "email": "a@example.com"}"#
    static let stranger = #"{"kind": "renamed question", "title": "Nobody maps me"}"#

    static func config(_ policy: String?, onMappingError: String = "quarantine") -> String {
        """
        instances:
          - name: forms
            auth: none
            mappers: [test-phish]
            on_mapping_error: \(onMappingError)
        \(policy.map { "    on_unmatched: \($0)" } ?? "")
        """
    }

    @Test func quarantineKeepsTheUnmatchedPayloadWithTheReason() async throws {
        try await TestServer.with(Self.config("quarantine")) { server in
            let elements = try await AdminHTTP.ingest(server, "forms", Self.stranger)
            #expect(elements.first?["status"] == "quarantined")
            let error = try #require(elements.first?["errors"]?.arrayValue?.first?.stringValue)
            #expect(error.hasPrefix("no mapper matched"), "\(error)")
            #expect(error.contains("test-phish"), "names the mappers tried: \(error)")
            #expect(try await server.incidents().isEmpty)
            let held = try await server.quarantined()
            #expect(held.count == 1)
            #expect(held.first?.errors == [error])
            // A matching payload is unaffected.
            #expect(try await AdminHTTP.ingest(server, "forms", Self.phish).first?["status"] == "created")
        }
    }

    @Test func rejectRefusesTheWholeRequestAndStoresNothing() async throws {
        try await TestServer.with(Self.config("reject")) { server in
            let response = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: "[\(Self.phish), \(Self.stranger)]")
            #expect(response.status == 422, "\(response)")
            #expect(response.error?.contains("on_unmatched: reject") == true, "\(response)")
            let errors = response["errors"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(errors.count == 1 && errors[0].hasPrefix("payload 2: no mapper matched"), "\(response)")
            #expect(try await server.incidents().isEmpty)
            #expect(try await server.quarantined().isEmpty)
            // A payload that matched but failed still follows on_mapping_error (quarantine).
            let failing = try await AdminHTTP.ingest(server, "forms", #"{"kind": "phish", "id": "p2", "title": "No reporter"}"#)
            #expect(failing.first?["status"] == "quarantined")
        }
    }

    @Test func anUnmatchedPayloadFollowsOnUnmatchedNotOnMappingError() async throws {
        try await TestServer.with(Self.config("quarantine", onMappingError: "reject")) { server in
            let elements = try await AdminHTTP.ingest(server, "forms", Self.stranger)
            #expect(elements.first?["status"] == "quarantined")
            let failing = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: #"{"kind": "phish", "id": "p3"}"#)
            #expect(failing.status == 422, "\(failing)")
        }
    }

    @Test func theDefaultIsTheReferenceMappingAndCountsAsUnmatched() async throws {
        let instance = "unmatched-\(UUID().uuidString.prefix(8).lowercased())"
        let config = Self.config(nil).replacingOccurrences(of: "name: forms", with: "name: \(instance)")
        try await TestServer.with(config) { server in
            let elements = try await AdminHTTP.ingest(server, instance, Self.stranger)
            #expect(elements.first?["status"] == "created")
            #expect(elements.first?["name"] == "Generic webhook triggered incident")
            #expect(try await AdminHTTP.ingest(server, instance, Self.phish).first?["type"] == "Phishing")
            let metrics = PrometheusText(try await TestHTTP.send(port: server.port, "GET", "/metrics", body: "").text)
            #expect(metrics.value(#"intake_unmatched_total{instance="\#(instance)"}"#) == 1)
        }
    }

    @Test func aPolicyOutsideTheThreeIsAConfigurationError() throws {
        #expect {
            try IntakeConfiguration.parse(
                Self.config("drop"), file: "intake.yaml", baseDirectory: "/tmp", environment: [:])
        } throws: { error in
            let text = "\(error)"
            return text.contains("intake.yaml:6:") && text.contains("on_unmatched") && text.contains("default")
                && text.contains("quarantine") && text.contains("reject")
        }
    }

    // MARK: JSON sent as a form

    static func postForm(_ server: TestServer, _ body: String) async throws -> TestHTTP.Response {
        try await TestHTTP.send(
            port: server.port, "POST", "/instance/execute/forms",
            headers: [("Content-Type", "application/x-www-form-urlencoded")], body: body)
    }

    @Test func jsonSentAsAFormIsReadAsJSON() async throws {
        try await TestServer.with(Self.config("quarantine")) { server in
            // curl --data @report.json: the bytes as they are, `&` and `=` inside strings included.
            let raw = #"{"kind": "phish", "id": "f1", "title": "See https://x.test/?a=1&b=2", "email": "a@example.com"}"#
            let first = try await Self.postForm(server, raw)
            #expect(first.status == 200, "\(first)")
            #expect(first.json?.arrayValue?.first?["type"] == "Phishing", "\(first)")
            // curl --data-urlencode @report.json: one field, the document as its name, no value.
            let encoded = try #require(
                #"{"kind": "phish", "id": "f2", "title": "Two", "email": "b@example.com"}"#.addingPercentEncoding(
                    withAllowedCharacters: .alphanumerics))
            let second = try await Self.postForm(server, encoded)
            #expect(second.json?.arrayValue?.first?["status"] == "created", "\(second)")
            let stored = try await server.incidents()
            #expect(stored.map(\.name) == ["See https://x.test/?a=1&b=2", "Two"])
            #expect(stored.first?.rawPayloadText == raw, "the payload is kept as sent")
            // A real form is still a form (and here unmatched, so quarantined, not a junk incident).
            let form = try await Self.postForm(server, "title=Hello&kind=other")
            #expect(form.json?.arrayValue?.first?["status"] == "quarantined", "\(form)")
            #expect(try await server.quarantined().first?.payloadText == #"{"title":"Hello","kind":"other"}"#)
        }
    }

    @Test func brokenJSONSentAsAFormIsA400ThatSaysWhichHeaderToSend() async throws {
        try await TestServer.with(Self.config(nil)) { server in
            let response = try await Self.postForm(server, #"{"kind": "phish", "id": }"#)
            #expect(response.status == 400, "\(response)")
            let error = try #require(response.error)
            #expect(error.contains("byte 24"), "\(error)")
            #expect(error.contains("Content-Type: application/json"), "\(error)")
            #expect(try await server.incidents().isEmpty)
            #expect(try await server.quarantined().isEmpty)
        }
    }
}
