import Foundation
import Testing
import Transforms

@testable import Host

/// `POST /api/instances/{name}/dry-run`: the instance's chain or inline mapper text, on given
/// payloads or the stored samples, nothing stored.
@Suite(.serialized) struct AdminDryRunTests {
    static let config = """
        instances:
          - name: forms
            auth: none
            store_samples: true
            mappers: [test-phish]
          - name: plain
            auth: none
            incident_type: Ops
        """

    /// A candidate mapper: reads the reporter from `$.sender` instead of `$.email`.
    static let candidate = """
        mapper: phish-next
        version: 3
        when: { path: $.kind, equals: phish }
        type: Phishing
        fields:
          name: $.title
          reporter: $.sender
        """

    @Test func theInstanceChainMapsGivenPayloads() async throws {
        try await TestServer.with(Self.config) { server in
            let body = #"""
                {"payloads": [
                  {"kind": "phish", "id": "d1", "title": "Bad link", "email": "Bob@Example.com", "occurred": "2026-11-28T14:03:12Z"},
                  {"name": "plain one", "occurred": "2026-11-28T14:03:12Z"},
                  {"kind": "phish", "id": "d2", "title": "No reporter"}
                ]}
                """#
            let response = try await AdminHTTP.post(server, "/api/instances/forms/dry-run", json: body)
            #expect(response.status == 200, "\(response)")
            let elements = try #require(response.json?.arrayValue)
            #expect(elements.count == 3)
            #expect(elements.map { $0["source"] } == ["payloads#0", "payloads#1", "payloads#2"])
            #expect(elements.map { $0["status"] } == ["mapped", "mapped", "quarantined"])
            #expect(elements[0]["incident"]?["type"] == "Phishing")
            #expect(elements[0]["incident"]?["fields"] == ["reporter": "bob@example.com"])
            #expect(elements[0]["incident"]?["mapper"] == ["name": "test-phish", "version": 2])
            #expect(elements[0]["incident"]?["id"] == nil)
            #expect(elements[1]["incident"]?["type"] == "Unclassified")
            #expect(elements[1]["incident"]?["name"] == "plain one")
            #expect(elements[1]["incident"]?["mapper"] == nil)
            #expect(elements[2]["errors"] == ["fields.reporter: required field is missing"])
            #expect(elements[0]["trace"] == nil)

            // The same payloads through the chain of the instance the way `intake dry-run` maps them.
            let explained = try await AdminHTTP.post(
                server, "/api/instances/forms/dry-run",
                json: #"{"payloads": [{"kind": "phish", "id": "d1", "title": "t", "email": "a@b.co"}], "explain": true}"#)
            #expect(explained.json?.arrayValue?.first?["trace"]?["fields"]?["reporter"]?["value"] == "a@b.co")

            // Nothing was stored.
            #expect(try await server.incidents().isEmpty)
            #expect(try await server.quarantined().isEmpty)
            #expect(try await server.store.samples(instance: "forms", limit: 10).isEmpty)
        }
    }

    @Test func inlineMapperTextIsCompiledOnTheFly() async throws {
        try await TestServer.with(Self.config) { server in
            let payload = #"{"kind": "phish", "title": "Via sender", "sender": "Carol@Example.com"}"#
            let request = JSON.object(["mapper": .string(Self.candidate), "payloads": .array([try JSON.parse(payload)])])
            let response = try await AdminHTTP.post(server, "/api/instances/forms/dry-run", json: request.serialized())
            #expect(response.status == 200, "\(response)")
            let element = try #require(response.json?.arrayValue?.first)
            #expect(element["status"] == "mapped")
            #expect(element["incident"]?["fields"] == ["reporter": "carol@example.com"])
            #expect(element["incident"]?["mapper"] == ["name": "phish-next", "version": 3])

            // The instance's own chain quarantines it (no $.email): the candidate really replaced it.
            let own = try await AdminHTTP.post(server, "/api/instances/forms/dry-run", json: #"{"payloads": [\#(payload)]}"#)
            #expect(own.json?.arrayValue?.first?["status"] == "quarantined")

            // The instance's default type applies to an inline mapper without `type:`.
            let typeless = JSON.object([
                "mapper": "mapper: any-name\nfields:\n  name: $.title\n",
                "payloads": [["title": "untyped"]],
            ])
            let plain = try await AdminHTTP.post(server, "/api/instances/plain/dry-run", json: typeless.serialized())
            #expect(plain.json?.arrayValue?.first?["incident"]?["type"] == "Ops")
        }
    }

    @Test func aBadMapperIs400WithLineAndColumn() async throws {
        try await TestServer.with(Self.config) { server in
            let cases: [(String, [String])] = [
                (
                    "mapper: broken\nfeilds:\n  name: $.title\n",
                    [
                        "<request>:2:1: unknown mapper key 'feilds' (did you mean 'fields'?); a mapper has mapper, version, when, prepare, for_each, type, dedup, fields"
                    ]
                ),
                ("mapper: broken\ntype: Nonexistent\n", []),
                ("mapper: [unclosed\n", []),
                ("fields: { name: $.title }\n", ["<request>:1:1: not a mapper: it has no top-level 'mapper' key"]),
            ]
            for (text, exact) in cases {
                let body = JSON.object(["mapper": .string(text), "payloads": [["title": "x"]]]).serialized()
                let response = try await AdminHTTP.post(server, "/api/instances/forms/dry-run", json: body)
                #expect(response.status == 400, "\(text): \(response)")
                #expect(response.error == "The mapper does not compile.")
                let errors = response["errors"]?.arrayValue?.compactMap(\.stringValue) ?? []
                #expect(!errors.isEmpty)
                #expect(errors.allSatisfy { $0.range(of: #"^<request>:\d+:\d+: "#, options: .regularExpression) != nil }, "\(errors)")
                if !exact.isEmpty { #expect(errors == exact) }
            }
        }
    }

    @Test func withoutPayloadsTheStoredSamplesAreMapped() async throws {
        try await TestServer.with(Self.config) { server in
            try await AdminHTTP.ingest(server, "forms", #"{"kind": "phish", "id": "s1", "title": "First", "email": "a@example.com"}"#)
            try await AdminHTTP.ingest(
                server, "forms", #"{"kind": "phish", "id": "s2", "title": "Second", "sender": "b@example.com"}"#)
            let samples = try await server.store.samples(instance: "forms", limit: 10)
            #expect(samples.count == 2)

            let response = try await AdminHTTP.post(server, "/api/instances/forms/dry-run", json: "")
            #expect(response.status == 200, "\(response)")
            let elements = try #require(response.json?.arrayValue)
            #expect(elements.map { $0["source"]?.stringValue } == samples.map { "sample:\($0.id)" })
            #expect(elements.map { $0["status"] } == ["quarantined", "mapped"])
            // A sample's own time received is its `occurred` when none is mapped.
            #expect(elements[1]["incident"]?["occurred"]?.stringValue == samples[1].received.rfc3339)

            // With the candidate mapper, the newest sample maps too.
            let candidate = JSON.object(["mapper": .string(Self.candidate)]).serialized()
            let next = try await AdminHTTP.post(server, "/api/instances/forms/dry-run", json: candidate)
            #expect(next.json?.arrayValue?.map { $0["status"] } == ["mapped", "quarantined"])

            // Still only the two samples and their results: a dry-run stores nothing.
            #expect(try await server.store.samples(instance: "forms", limit: 10).count == 2)
            #expect(try await server.incidents().count == 1)
        }
    }

    @Test func badRequestsAreRefused() async throws {
        try await TestServer.with(Self.config) { server in
            let cases: [(String, Int, String)] = [
                ("{not json", 400, "Invalid JSON at byte 1"),
                (#"["a"]"#, 400, "The body must be a JSON object with the keys 'mapper', 'payloads', 'explain'."),
                (#"{"payload": []}"#, 400, "Unknown key 'payload'; the body takes 'mapper', 'payloads', 'explain'."),
                (#"{"payloads": {}}"#, 400, "payloads must be an array."),
                (#"{"mapper": 42}"#, 400, "mapper must be a string."),
                (#"{"explain": "yes"}"#, 400, "explain must be true or false."),
            ]
            for (body, status, message) in cases {
                let response = try await AdminHTTP.post(server, "/api/instances/forms/dry-run", json: body)
                #expect(response.status == status, "\(body): \(response)")
                #expect(response.error?.hasPrefix(message) == true, "\(body): \(response)")
            }
            let unknown = try await AdminHTTP.post(server, "/api/instances/nobody/dry-run", json: "{}")
            #expect(unknown.status == 404)
        }
    }
}

/// The admin dry-run shows the actions a mapped incident would trigger (SPEC §13), rendered by
/// the code `intake dry-run` uses: the same actions and requests, nothing sent.
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first: compares with the intake binary"))
struct AdminDryRunActionsTests {
    static let secret = "whsec_" + Data(repeating: 9, count: 32).base64EncodedString()

    static let config = """
        instances:
          - { name: forms, auth: none, mappers: [test-phish] }
          - { name: other, auth: none, mappers: [test-phish] }
        actions:
          - name: ticket
            when: { types: [Phishing] }
            request:
              url: "${TICKET_URL}"
              headers: { Authorization: "Bearer ${TICKET_TOKEN}" }
              body: { title: "{{ type }}: {{ name }}", reporter: "{{ fields.reporter }}", severity: "{{ severity }}" }
            sign: { scheme: standard-webhooks, secret: "${TICKET_SECRET}" }
          - name: urgent
            when: { min_severity: 3 }
            request: { url: "http://127.0.0.1:9/urgent" }
          - name: elsewhere
            when: { instances: [other] }
            request: { url: "http://127.0.0.1:9/other" }
        """

    static let report = #"{"kind": "phish", "id": "p1", "title": "Suspicious mail", "email": "Alice@Example.com"}"#

    @Test func eachMappedIncidentListsItsActionsAsIntakeDryRunRendersThem() async throws {
        let variables = ["TICKET_URL": "http://127.0.0.1:9/tickets?key=SECRETKEY", "TICKET_TOKEN": "SECRETTOKEN", "TICKET_SECRET": Self.secret]
        try await TestServer.with(Self.config, environment: variables) { server in
            let response = try await AdminHTTP.post(
                server, "/api/instances/forms/dry-run", json: #"{"payloads": [\#(Self.report), {"kind": "other"}]}"#)
            #expect(response.status == 200, "\(response)")
            #expect(!response.text.contains("SECRET"), "secrets are shown as written: \(response.text)")
            let elements = try #require(response.json?.arrayValue)
            #expect(elements.count == 2)
            let actions = try #require(elements.first?["actions"]?.arrayValue)
            #expect(actions.map { $0["action"] } == ["ticket"], "urgent needs severity 3, elsewhere another instance")
            let request = try #require(actions.first?["request"])
            #expect(request["method"] == "POST")
            #expect(request["url"] == "${TICKET_URL}")
            #expect(request["headers"]?["Authorization"] == "Bearer ${TICKET_TOKEN}")
            #expect(request["headers"]?["webhook-id"] == "msg_dry_run")
            #expect(request["headers"]?["webhook-signature"]?.stringValue?.hasPrefix("v1,") == true)
            #expect(request["body"] == ["title": "Phishing: Suspicious mail", "reporter": "alice@example.com", "severity": 0])
            #expect(elements[1]["status"] == "mapped")
            #expect(elements[1]["actions"] == [], "an incident no action selects lists none")
            #expect(try await server.store.deliveries(DeliveryQuery()).items.isEmpty, "a dry-run stores no delivery")

            // `intake dry-run` on the same configuration and payload lists the same actions
            // with the same requests (its time is fixed; the signature depends on it).
            try Data(Self.report.utf8).write(to: server.folder.appendingPathComponent("report.json"))
            let cli = try IntakeBinary.run(
                ["dry-run", "--config", "intake.yaml", "--instance", "forms", "report.json"], in: server.folder,
                environment: variables)
            #expect(cli.status == 0, "\(cli)")
            let printed = try JSON.parse(cli.stdout)
            let cliActions = try #require(printed.arrayValue?.first?["actions"]?.arrayValue)
            #expect(cliActions.map { $0["action"] } == actions.map { $0["action"] })
            for (shown, served) in zip(cliActions, actions) {
                for key in ["method", "url", "body"] { #expect(shown["request"]?[key] == served["request"]?[key], "\(key)") }
                #expect(
                    shown["request"]?["headers"]?.objectValue?.keys.sorted() == served["request"]?["headers"]?.objectValue?.keys.sorted())
            }
        }
    }

    @Test func anInstanceWithoutActionsConfiguredAnswersAsBefore() async throws {
        try await TestServer.with("instances:\n  - { name: forms, auth: none, mappers: [test-phish] }") { server in
            let response = try await AdminHTTP.post(server, "/api/instances/forms/dry-run", json: #"{"payloads": [\#(Self.report)]}"#)
            #expect(response.status == 200, "\(response)")
            #expect(response.json?.arrayValue?.first?["status"] == "mapped")
            #expect(response.json?.arrayValue?.first?["actions"] == nil, "\(response)")
        }
    }
}
