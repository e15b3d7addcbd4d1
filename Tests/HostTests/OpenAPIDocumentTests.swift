import Foundation
import Hummingbird
import Logging
import Testing
import Transforms

@testable import Host

/// Keeps `docs/openapi.yaml` true (issue 10, item 5): every route the listener has is in the
/// document, and every documented operation, requested over a real socket, answers with a
/// documented status, content type, header and body schema. scripts/openapi-check.sh goes
/// further with schemathesis' generated requests.
@Suite(.serialized) struct OpenAPIDocumentTests {
    static let document = Result { try OpenAPIDocument(path: IntakeBinary.packageRoot.appendingPathComponent("docs/openapi.yaml").path) }
    static let token = "openapi-test-token"
    static let config = """
        admin: { token: "\(token)" }
        limits: { max_body_bytes: 65536 }
        instances:
          - { name: forms, auth: none, store_samples: true, mappers: [test-phish] }
          - { name: strict, auth: none, on_mapping_error: reject, mappers: [test-phish] }
          - { name: guarded, auth: { username: "_header:X-Token", password: "s3cret" } }
          - { name: own, auth: none, port: 0 }
          - { name: hmac, auth: { hmac: { header: X-Signature, secret: k3y, prefix: "sha256=" } } }
        actions:
          - { name: hook, when: { types: [Phishing] }, request: { url: "http://127.0.0.1:9/hook" }, retry: { attempts: 1 } }
        """

    @Test func everyRouteIsDocumented() async throws {
        let documented = try Self.document.get().operations
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intake-openapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("mappers"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in TestMappers.files {
            try text.write(to: folder.appendingPathComponent("mappers/\(name)"), atomically: true, encoding: .utf8)
        }
        let configuration = try IntakeConfiguration.parse(
            "listen: { host: 127.0.0.1, port: 0 }\nstorage: { sqlite: intake.db }\nmappers: mappers\n" + Self.config,
            file: "test.yaml", baseDirectory: folder.path, environment: [:])
        let store = try SQLiteIncidentStore(path: folder.appendingPathComponent("intake.db").path)
        try await store.migrate()
        let environment = IntakeEnvironment.standard(logger: Logger(label: "test"))
        let service = try IngestionService(
            configuration: configuration, environment: environment, store: store, mappers: environment.mappers(configuration.mapperSource))
        let routes =
            IntakeRouter.mainRouter(service: service, store: store, configuration: configuration).routes
            + IntakeRouter.instanceRouter(service: service, instance: "own", store: store).routes
        let served = Set(routes.map { OpenAPIDocument.Operation(method: $0.method.rawValue, path: $0.path.description) })
        #expect(served.count > 20, "\(served)")
        for operation in served.subtracting(documented).sorted(by: { $0.description < $1.description }) {
            Issue.record("\(operation) is served but not in docs/openapi.yaml")
        }
        for operation in documented.subtracting(served).sorted(by: { $0.description < $1.description }) {
            Issue.record("\(operation) is in docs/openapi.yaml but not served")
        }
    }

    /// One request and the documented operation it exercises.
    struct Exchange: CustomStringConvertible {
        var operation: OpenAPIDocument.Operation
        var path: String
        var headers: [(String, String)] = []
        var body = ""
        var ownPort = false
        var description: String { "\(operation.method) \(path)" }

        init(_ method: String, _ template: String, _ path: String? = nil, headers: [(String, String)] = [], body: String = "", ownPort: Bool = false)
        {
            operation = .init(method: method, path: template)
            self.path = path ?? template
            self.headers = headers
            self.body = body
            self.ownPort = ownPort
        }
    }

    static var exchanges: [Exchange] {
        let json = [("Content-Type", "application/json")]
        let admin = [("Authorization", "Bearer \(token)")]
        let phish = #"{"kind": "phish", "id": "p1", "title": "Invoice", "email": "a@example.com"}"#
        var exchanges: [Exchange] = []
        for template in ["/instance/execute/{instance}", "/xsoar/instance/execute/{instance}"] {
            let path = template.replacingOccurrences(of: "{instance}", with: "forms")
            exchanges += [
                Exchange("POST", template, path, headers: json, body: phish),  // created, then duplicate
                Exchange("POST", template, path, headers: json, body: #"[{"kind": "phish", "title": "no reporter"}, {"name": "default"}]"#),
                Exchange("POST", template, path, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: "name=form&a=1&a=2"),
                Exchange(
                    "POST", template, path, headers: [("Content-Type", "multipart/form-data; boundary=b")],
                    body: "--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nmultipart\r\n--b--\r\n"),
                Exchange("POST", template, path, headers: json, body: "{oops"),
                Exchange("POST", template, path, headers: [("Content-Type", "text/plain")], body: "hello"),
                Exchange("POST", template, path, headers: json, body: "[" + String(repeating: "1,", count: 40_000) + "1]"),
                Exchange("POST", template, template.replacingOccurrences(of: "{instance}", with: "nowhere"), headers: json, body: "{}"),
                Exchange("POST", template, template.replacingOccurrences(of: "{instance}", with: "guarded"), headers: json, body: "{}"),
                Exchange(
                    "POST", template, template.replacingOccurrences(of: "{instance}", with: "hmac"),
                    headers: json + [("X-Signature", "sha256=00")], body: "{}"),
                Exchange(
                    "POST", template, template.replacingOccurrences(of: "{instance}", with: "strict"), headers: json,
                    body: #"{"kind": "phish", "title": "no reporter"}"#),
            ]
            exchanges += ["GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"].map { Exchange($0, template, path) }
        }
        exchanges += [Exchange("POST", "/", headers: json, body: phish.replacingOccurrences(of: "p1", with: "p2"), ownPort: true)]
        exchanges += ["GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"].map { Exchange($0, "/", ownPort: true) }
        exchanges += [
            Exchange("GET", "/healthz"), Exchange("GET", "/readyz"), Exchange("GET", "/metrics"),
            Exchange("GET", "/api/incidents", headers: admin),
            Exchange("GET", "/api/incidents", "/api/incidents?instance=forms&limit=1", headers: admin),
            Exchange("GET", "/api/incidents", "/api/incidents?limit=0", headers: admin),
            Exchange("GET", "/api/incidents"),
            Exchange("GET", "/api/incidents/{id}", "/api/incidents/1?raw=1&explain=1", headers: admin),
            Exchange("GET", "/api/incidents/{id}", "/api/incidents/999", headers: admin),
            Exchange("GET", "/api/instances/{name}/samples", "/api/instances/forms/samples", headers: admin),
            Exchange("GET", "/api/instances/{name}/samples", "/api/instances/nowhere/samples", headers: admin),
            Exchange("GET", "/api/instances/{name}/refusals", "/api/instances/hmac/refusals", headers: admin),
            Exchange("GET", "/api/instances/{name}/refusals", "/api/instances/forms/refusals?limit=x", headers: admin),
            Exchange(
                "POST", "/api/instances/{name}/dry-run", "/api/instances/forms/dry-run", headers: admin + json,
                body: #"{"payloads": [{"kind": "phish", "title": "t", "email": "b@example.com"}, {"kind": "phish"}], "explain": true}"#),
            Exchange("POST", "/api/instances/{name}/dry-run", "/api/instances/forms/dry-run", headers: admin + json, body: "{}"),
            Exchange(
                "POST", "/api/instances/{name}/dry-run", "/api/instances/forms/dry-run", headers: admin + json,
                body: #"{"mapper": "mapper: x\nfeilds: {}"}"#),
            Exchange("GET", "/api/instances", headers: admin),
            Exchange(
                "POST", "/api/instances/{name}/sample-report", "/api/instances/forms/sample-report", headers: admin + json,
                body: #"{"payloads": [{"kind": "phish", "title": "t", "email": "b@example.com"}, {"kind": "other"}]}"#),
            Exchange(
                "POST", "/api/instances/{name}/sample-report", "/api/instances/forms/sample-report", headers: admin + json,
                body: #"{"explain": true}"#),
            Exchange("GET", "/api/mappers/{name}", "/api/mappers/test-phish", headers: admin),
            Exchange("GET", "/api/mappers/{name}", "/api/mappers/nope", headers: admin),
            Exchange(
                "PUT", "/api/mappers/{name}", "/api/mappers/test-phish", headers: admin + json,
                body: #"{"mapper": "mapper: test-phish\nfeilds: {}"}"#),
            Exchange(
                "PUT", "/api/mappers/{name}", "/api/mappers/test-phish", headers: admin + json,
                body: #"{"mapper": \#(JSON.string(TestMappers.files["phish.yaml"] ?? "").serialized())}"#),
            Exchange("GET", "/ui", headers: admin),
            Exchange("GET", "/ui"),
            Exchange("GET", "/ui/{file}", "/ui/app.js", headers: admin),
            Exchange("GET", "/ui/{file}", "/ui/app.css", headers: admin),
            Exchange("GET", "/ui/{file}", "/ui/nope", headers: admin),
            Exchange("GET", "/api/quarantine", headers: admin),
            Exchange("POST", "/api/quarantine/replay", headers: admin + json, body: "{}"),
            Exchange("POST", "/api/quarantine/replay", headers: admin + json, body: #"{"ids": ["q1", "q404"]}"#),
            Exchange("POST", "/api/quarantine/replay", headers: admin + json, body: #"{"bogus": 1}"#),
            Exchange("GET", "/api/actions", headers: admin),
            Exchange("GET", "/api/actions", "/api/actions?status=sent", headers: admin),
            Exchange("GET", "/api/actions/{id}", "/api/actions/d1", headers: admin),
            Exchange("GET", "/api/actions/{id}", "/api/actions/d404", headers: admin),
            Exchange("POST", "/api/actions/{id}/retry", "/api/actions/d1/retry", headers: admin),
            Exchange("POST", "/api/actions/{id}/retry", "/api/actions/d404/retry", headers: admin),
            Exchange("POST", "/api/reload", headers: admin),
            Exchange("POST", "/api/reload"),
        ]
        return exchanges
    }

    @Test func everyOperationAnswersAsDocumented() async throws {
        let document = try Self.document.get()
        let schemas = JSONSchemaCheck(document: document)
        var exercised: Set<OpenAPIDocument.Operation> = []
        var statuses: Set<Int> = []
        try await TestServer.with(Self.config) { server in
            for exchange in Self.exchanges {
                let port = exchange.ownPort ? try #require(server.instancePorts["own"]) : server.port
                let response = try await TestHTTP.send(
                    port: port, exchange.operation.method, exchange.path, headers: exchange.headers, body: exchange.body)
                exercised.insert(exchange.operation)
                statuses.insert(response.status)
                guard let documented = document.response(exchange.operation, status: response.status) else {
                    Issue.record("\(exchange) answered \(response.status), which docs/openapi.yaml does not list: \(response.text.prefix(300))")
                    continue
                }
                check(response, against: documented, exchange, schemas)
            }
        }
        for operation in document.operations.subtracting(exercised).sorted(by: { $0.description < $1.description }) {
            Issue.record("\(operation) is documented but no exchange of this test requests it")
        }
        // The table reaches the statuses a user meets, not only the happy ones.
        #expect(statuses.isSuperset(of: [200, 400, 401, 404, 405, 413, 415, 422]), "\(statuses.sorted())")
    }

    func check(_ response: TestHTTP.Response, against documented: JSON, _ exchange: Exchange, _ schemas: JSONSchemaCheck) {
        for (name, header) in documented["headers"]?.objectValue?.members ?? [] {
            guard let constant = header["schema"]?["const"]?.stringValue else { continue }
            #expect(response.header(name) == constant, "\(exchange): header \(name)")
        }
        guard let content = documented["content"]?.objectValue, exchange.operation.method != "HEAD" else {
            #expect(response.body.isEmpty || documented["content"] == nil, "\(exchange): a body the document does not describe")
            return
        }
        let contentType = response.header("Content-Type") ?? ""
        guard let (mediaType, media) = content.members.first(where: { contentType.hasPrefix($0.key) }) else {
            Issue.record("\(exchange): Content-Type '\(contentType)' is not one of \(content.keys)")
            return
        }
        guard mediaType == "application/json", let schema = media["schema"] else { return }
        guard let body = response.json else {
            Issue.record("\(exchange): the body is not JSON: \(response.text.prefix(200))")
            return
        }
        for problem in schemas.problems(body, schema) {
            Issue.record("\(exchange) → \(response.status): \(problem)\n\(response.text.prefix(400))")
        }
    }

    @Test func theSchemaCheckRefusesWhatTheDocumentForbids() throws {
        let document = try Self.document.get()
        let schemas = JSONSchemaCheck(document: document)
        let incident: JSON = ["$ref": "#/components/schemas/Incident"]
        let good: JSON = [
            "id": "1", "instance": "forms", "type": "Phishing", "occurred": "2026-11-28T14:03:12Z",
            "created": "2026-11-28T14:03:13Z", "severity": 2,
        ]
        #expect(schemas.problems(good, incident).isEmpty)
        var extra = good.objectValue!
        extra["surprise"] = true
        #expect(schemas.problems(.object(extra), incident) == ["$: 'surprise' is not documented"])
        var missing = good.objectValue!
        missing["severity"] = nil
        #expect(schemas.problems(.object(missing), incident) == ["$: no 'severity'"])
        var outOfRange = good.objectValue!
        outOfRange["severity"] = 7
        #expect(schemas.problems(.object(outOfRange), incident) == ["$.severity: above 4.0"])
        let result: JSON = ["$ref": "#/components/schemas/IngestResult"]
        #expect(schemas.problems(["id": "1", "status": "quarantined", "errors": ["e"]], result).isEmpty)
        #expect(schemas.problems(["id": "1", "status": "created"], result) == ["$: matches 0 of oneOf, not 1"])
    }
}
