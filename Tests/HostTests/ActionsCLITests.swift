import Foundation
import Testing
import Transforms

@testable import Host

/// `actions:` from the command line (SPEC §13): `intake check` reports its mistakes with their
/// place, `intake dry-run` renders what would be sent, `intake actions` operates the outbox.
@Suite(.enabled(if: IntakeBinary.isBuilt))
struct ActionsCLITests {
    static let secret = "whsec_" + Data(repeating: 7, count: 32).base64EncodedString()

    /// A project with the test mappers and `actions` appended to a one-instance configuration.
    static func project(actions: String) throws -> ScratchFolder {
        let folder = try ScratchFolder(prefix: "intake-actions")
        for (name, text) in TestMappers.files { try folder.write("mappers/\(name)", text) }
        try folder.write(
            "intake.yaml",
            """
            storage: { sqlite: intake.db }
            mappers: mappers
            instances:
              - name: forms
                auth: none
                mappers: [test-phish]
            actions:
            \(actions)
            """)
        try folder.write("report.json", #"{"kind": "phish", "id": "p1", "title": "Suspicious mail", "email": "Alice@Example.com"}"#)
        return folder
    }

    @Test func checkReportsEveryMistakeWithItsPlace() throws {
        let folder = try Self.project(
            actions: """
                  - name: one
                    request: { url: "ftp://example.com/x" }
                  - name: two
                    request:
                      url: http://127.0.0.1:9/hook
                      body: { text: "{{ reporter }}" }
                    sign: { secret: not-base64 }
                    retry: { attempts: 0 }
                  - name: one
                    request: { url: http://127.0.0.1:9/hook, verb: POST }
                """)
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(["check", "--config", "intake.yaml"], in: folder.url)
        #expect(outcome.status == 2, "\(outcome)")
        let lines = outcome.stderrLines
        let expected = [
            "intake.yaml:9:21: actions[0].request.url: 'ftp://example.com/x' is not an http:// or https:// URL",
            "intake.yaml:13:21: actions[1].request.body.text: '{{ reporter }}' names nothing an incident has",
            "intake.yaml:14:21: actions[1].sign.secret: expected whsec_",
            "intake.yaml:15:24: actions[1].retry.attempts: 0 is out of range",
            "intake.yaml:17:46: actions[2].request.verb: unknown key",
        ]
        for prefix in expected {
            #expect(lines.contains { $0.hasPrefix(prefix) }, "missing \(prefix) in\n\(outcome.stderr)")
        }
    }

    @Test func checkRefusesAnActionForATypeNoFileDeclares() throws {
        let folder = try Self.project(
            actions: """
                  - name: typo
                    when: { types: [Phising] }
                    request: { url: "http://127.0.0.1:9/hook" }
                """)
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(["check", "--config", "intake.yaml"], in: folder.url)
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains("intake.yaml:9:20: action 'typo': when.types names 'Phising', which no incident type declares"), "\(outcome)")
    }

    @Test func dryRunShowsTheRenderedRequestsWithoutTheSecrets() throws {
        let folder = try Self.project(
            actions: """
                  - name: ticket
                    when: { types: [Phishing] }
                    request:
                      url: "${TICKET_URL}"
                      headers: { Authorization: "Bearer ${TICKET_TOKEN}" }
                      body: { title: "{{ type }}: {{ name }}", reporter: "{{ fields.reporter }}", severity: "{{ severity }}", id: "{{ id }}" }
                    sign: { scheme: standard-webhooks, secret: "${TICKET_SECRET}" }
                  - name: slack
                    request: { url: "http://127.0.0.1:9/slack", body: slack }
                  - name: urgent
                    when: { min_severity: 3 }
                    request: { url: "http://127.0.0.1:9/pager" }
                """)
        defer { folder.remove() }
        let environment = ["TICKET_URL": "http://127.0.0.1:9/tickets?key=SECRETKEY", "TICKET_TOKEN": "SECRETTOKEN", "TICKET_SECRET": Self.secret]
        let outcome = try IntakeBinary.run(
            ["dry-run", "--config", "intake.yaml", "--instance", "forms", "--received-at", "2026-12-04T10:00:00Z", "report.json"],
            in: folder.url, environment: environment)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(!outcome.stdout.contains("SECRET"), "no secret is printed")
        let element = try #require(try elements(outcome).first)
        let actions = try #require(element["actions"] as? [[String: Any]])
        #expect(actions.map { $0["action"] as? String } == ["ticket", "slack"], "urgent: severity 0 is below 3")
        let ticket = try #require(actions.first?["request"] as? [String: Any])
        #expect(ticket["method"] as? String == "POST")
        #expect(ticket["url"] as? String == "${TICKET_URL}")
        #expect(dig(ticket, "headers", "Authorization") as? String == "Bearer ${TICKET_TOKEN}")
        #expect((dig(ticket, "headers", "webhook-signature") as? String)?.hasPrefix("v1,") == true)
        #expect(dig(ticket, "headers", "webhook-timestamp") as? String == "1796378400")
        #expect(dig(ticket, "body", "title") as? String == "Phishing: Suspicious mail")
        #expect(dig(ticket, "body", "reporter") as? String == "alice@example.com")
        #expect(dig(ticket, "body", "severity") as? Int == 0, "a lone {{ … }} keeps the value's type")
        #expect(dig(ticket, "body", "id") == nil || dig(ticket, "body", "id") is NSNull, "no id before it is stored")
        #expect(dig(actions, 1, "request", "body", "text") as? String == "*Phishing* (severity 0): Suspicious mail — incident  from forms")

        // Without the variables (SPEC §12: only intake serve needs secrets), as written.
        let unset = try IntakeBinary.run(
            ["dry-run", "--config", "intake.yaml", "--instance", "forms", "report.json"], in: folder.url)
        #expect(unset.status == 0, "\(unset)")
        let request = try #require(dig(try elements(unset).first, "actions", 0, "request"))
        #expect(dig(request, "url") as? String == "${TICKET_URL}")
        #expect(dig(request, "headers", "webhook-signature") as? String == "v1,(signed with ${TICKET_SECRET} when sent)")
        #expect(try IntakeBinary.run(["check", "--config", "intake.yaml"], in: folder.url).status == 0)
        let serve = try IntakeBinary.run(["serve", "--config", "intake.yaml"], in: folder.url)
        #expect(serve.status == 2)
        #expect(serve.stderr.contains("actions[0].request.url: environment variable TICKET_URL is not set"), "\(serve)")
    }

    @Test func listShowAndRetryOperateTheOutbox() async throws {
        let folder = try Self.project(
            actions: """
                  - name: hook
                    request: { url: "http://127.0.0.1:9/hook" }
                """)
        defer { folder.remove() }
        let store = try SQLiteIncidentStore(path: folder.url.appendingPathComponent("intake.db").path)
        try await store.migrate()
        var incident = NewIncident(type: "Phishing", name: "n", occurred: Instant(millisecondsSinceEpoch: 0), rawPayloadText: "{}", headersText: "{}")
        incident.actions = ["hook"]
        _ = try await store.commit(IngestBatch(instance: "forms", received: Instant(millisecondsSinceEpoch: 1_000), items: [.incident(incident)]))
        let claimed = try await store.claimDeliveries(
            action: "hook", limit: 5, now: Instant(millisecondsSinceEpoch: 2_000), leaseUntil: Instant(millisecondsSinceEpoch: 9_000))
        try #require(claimed.count == 1)
        try await store.finishAttempt(delivery: claimed[0].id, outcome: .failed(result: "HTTP 410"), at: Instant(millisecondsSinceEpoch: 3_000))
        try await store.close()

        let listed = try IntakeBinary.run(["actions", "list", "--config", "intake.yaml", "--status", "failed"], in: folder.url)
        #expect(listed.status == 0, "\(listed)")
        let delivery = try #require((dig(try listed.json(), "deliveries") as? [[String: Any]])?.first)
        #expect(delivery["id"] as? String == "d1")
        #expect(delivery["incident"] as? String == "1")
        #expect(delivery["last_result"] as? String == "HTTP 410")
        #expect(delivery["attempts"] as? Int == 1)

        let shown = try IntakeBinary.run(["actions", "show", "--config", "intake.yaml", "d1"], in: folder.url)
        #expect(dig(try shown.json(), "key") as? String == delivery["key"] as? String)
        let retried = try IntakeBinary.run(["actions", "retry", "--config", "intake.yaml", "d1"], in: folder.url)
        #expect(retried.status == 0, "\(retried)")
        #expect(dig(try retried.json(), "status") as? String == "pending")
        #expect(dig(try retried.json(), "attempts") as? Int == 0)
        let missing = try IntakeBinary.run(["actions", "show", "--config", "intake.yaml", "d7"], in: folder.url)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no delivery with id 'd7'"))
        let badStatus = try IntakeBinary.run(["actions", "list", "--config", "intake.yaml", "--status", "sent"], in: folder.url)
        #expect(badStatus.status == 2)
    }
}
