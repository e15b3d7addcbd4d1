import Foundation
import Logging
import Testing
import Transforms

@testable import Host

/// `intake.yaml` loading (SPEC §3): substitution, paths, unknown keys, auth rules, marks.
@Suite struct ConfigLoadingTests {
    static let base = "/srv/intake"

    func parse(_ text: String, environment: [String: String] = [:]) throws(SourceErrors) -> IntakeConfiguration {
        try IntakeConfiguration.parse(text, file: "test.yaml", baseDirectory: Self.base, environment: environment)
    }

    func errors(_ text: String, environment: [String: String] = [:]) -> [String] {
        do {
            _ = try parse(text, environment: environment)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func environmentVariablesAreSubstitutedInScalarsAfterParsing() throws {
        let configuration = try parse(
            """
            admin: { token: "${ADMIN}" }
            instances:
              - name: forms
                auth: { username: "_header:Authorization", password: "Bearer ${TOKEN}" }
                port: ${PORT}
            """,
            environment: ["ADMIN": "a: b # not yaml", "TOKEN": "s3cret", "PORT": "8001"])
        #expect(configuration.admin.token == "a: b # not yaml")
        #expect(configuration.instances[0].auth == .header(name: "Authorization", value: "Bearer s3cret"))
        #expect(configuration.instances[0].port == 8001)
    }

    @Test func dollarDollarBraceIsALiteral() throws {
        let configuration = try parse("admin: { token: \"x$${HOME}y$z\" }")
        #expect(configuration.admin.token == "x${HOME}y$z")
    }

    @Test func anUnsetVariableNamesTheKeyAndTheMark() {
        let messages = errors(
            """
            instances:
              - name: forms
                auth: { username: bot, password: "${FORMS_TOKEN}" }
            """)
        #expect(messages == ["test.yaml:3:38: instances[0].auth.password: environment variable FORMS_TOKEN is not set"])
    }

    @Test func unknownKeysAreErrorsAtTheKey() {
        let messages = errors(
            """
            listen: { host: 127.0.0.1, prot: 8000 }
            limits:
              max_body: 10
            """)
        #expect(messages.count == 2)
        #expect(messages[0].hasPrefix("test.yaml:1:28: listen.prot: unknown key"))
        #expect(messages[1].hasPrefix("test.yaml:3:3: limits.max_body: unknown key"))
    }

    @Test func relativePathsResolveFromTheConfigFolder() throws {
        let configuration = try parse(
            """
            listen: { tls: { certificate: certs/cert.pem, private_key: /etc/key.pem } }
            storage: { sqlite: data/intake.db }
            mappers: ../shared-mappers
            """)
        #expect(configuration.storage == .sqlite(path: "/srv/intake/data/intake.db"))
        #expect(configuration.mappers == "/srv/shared-mappers")
        #expect(configuration.listen.tls == TLSFilesConfiguration(certificate: "/srv/intake/certs/cert.pem", privateKey: "/etc/key.pem"))
    }

    @Test func defaultsApplyToAnEmptySection() throws {
        let configuration = try parse("limits: {}\ninstances: []")
        #expect(configuration.listen == ListenConfiguration(host: "127.0.0.1", port: 8000))
        #expect(configuration.storage == .sqlite(path: "/srv/intake/intake.db"))
        #expect(configuration.mappers == "/srv/intake/mappers")
        #expect(configuration.limits == LimitsConfiguration())
        #expect(configuration.limits.maxBodyBytes == 1_048_576)
        #expect(configuration.limits.maxJSONDepth == 64)
        #expect(configuration.limits.maxPayloadsPerRequest == 1000)
    }

    @Test func anInstanceWithoutAuthDoesNotStart() {
        let messages = errors("instances:\n  - name: forms\n    incident_type: Phishing\n")
        #expect(messages.count == 1)
        #expect(messages[0].hasPrefix("test.yaml:2:5: instances[0]: instance 'forms' has no 'auth'"))
    }

    @Test func authNoneNeedsLoopbackOrAnExplicitAllowance() throws {
        let open = """
            listen: { host: 0.0.0.0 }
            instances:
              - { name: forms, auth: none }
            """
        let messages = errors(open)
        #expect(messages.count == 1)
        #expect(messages[0].contains("instances[0].auth: 'none' is allowed only on a loopback listener"))
        let allowed = try parse(open.replacingOccurrences(of: "auth: none", with: "auth: none, allow_unauthenticated: true"))
        #expect(allowed.instances[0].auth == AuthConfiguration.none)
        let loopback = try parse("instances:\n  - { name: forms, auth: none }")
        #expect(loopback.instances[0].allowUnauthenticated == false)
    }

    @Test func instanceFieldsAndTheirDefaults() throws {
        let configuration = try parse(
            """
            instances:
              - name: a_b-1
                auth: { username: u, password: 1234 }
              - name: b
                incident_type: Phishing
                auth: none
                store_samples: true
                samples_kept: 5
                mappers: [one, two]
                on_mapping_error: reject
                port: 9001
            """)
        let first = configuration.instances[0]
        #expect(first.auth == .basic(username: "u", password: "1234"))
        #expect(first.incidentType == "Unclassified")
        #expect(first.storeSamples == false && first.samplesKept == 20 && first.mappers.isEmpty)
        #expect(first.onMappingError == .quarantine && first.port == nil)
        let second = configuration.instances[1]
        #expect(second.incidentType == "Phishing" && second.storeSamples && second.samplesKept == 5)
        #expect(second.mappers == ["one", "two"] && second.onMappingError == .reject && second.port == 9001)
    }

    @Test func badInstanceValuesAreReportedTogether() {
        let messages = errors(
            """
            instances:
              - { name: "a b", auth: none }
              - { name: c, auth: none, on_mapping_error: drop, samples_kept: 0 }
              - { name: d, auth: none, port: 8000 }
              - { name: d, auth: none }
            """)
        #expect(messages.count == 5)
        #expect(messages[0].hasPrefix("test.yaml:2:13: instances[0].name: 'a b' may contain only"))
        #expect(messages.contains { $0.contains("instances[1].on_mapping_error: 'drop' is not one of: quarantine, reject") })
        #expect(messages.contains { $0.contains("instances[1].samples_kept: 0 is out of range") })
        #expect(messages.contains { $0.contains("instances[2].port: 8000 is the main listener's port") })
        #expect(messages.contains { $0.hasPrefix("test.yaml:5:13: instances[3].name: 'd' is already the name of the instance at test.yaml:4:13") })
    }

    @Test func hmacAuthWithRotationAndDefaults() throws {
        let configuration = try parse(
            """
            instances:
              - name: gh
                auth:
                  hmac: { header: X-Hub-Signature-256, secrets: [old, new], prefix: "sha256=" }
              - name: slack
                auth:
                  hmac: { header: X-Slack-Signature, secret: s, encoding: base64, algorithm: sha512,
                          timestamp_header: X-Slack-Request-Timestamp, tolerance_s: 60 }
            """)
        guard case .hmac(let github) = configuration.instances[0].auth, case .hmac(let slack) = configuration.instances[1].auth else {
            Issue.record("expected hmac auth")
            return
        }
        #expect(github.secrets == ["old", "new"] && github.algorithm == .sha256 && github.encoding == .hex)
        #expect(github.signed == "{body}" && github.toleranceSeconds == 300 && github.prefix == "sha256=")
        #expect(slack.signed == "{timestamp}.{body}" && slack.toleranceSeconds == 60 && slack.algorithm == .sha512)
        #expect(configuration.instances[1].auth.secretHeaderNames == ["x-slack-signature", "x-slack-request-timestamp"])
    }

    @Test func hmacMistakes() {
        let messages = errors(
            """
            instances:
              - { name: a, auth: { hmac: { header: X-Sig } } }
              - { name: b, auth: { hmac: { header: X-Sig, secret: s, signed: "{timestamp}{body}" } } }
              - { name: c, auth: { hmac: { header: X-Sig, secret: s, algorithm: md5 } } }
              - { name: d, auth: { hmac: { header: X-Sig, secret: s, extra: 1 } } }
            """)
        #expect(messages.count == 4)
        #expect(messages[0].contains("instances[0].auth.hmac: give exactly one of 'secret' or 'secrets'"))
        #expect(messages[1].contains("instances[1].auth.hmac.signed: {timestamp} needs 'timestamp_header'"))
        #expect(messages[2].contains("instances[2].auth.hmac.algorithm: 'md5' is not one of: sha1, sha256, sha512"))
        #expect(messages[3].contains("instances[3].auth.hmac.extra: unknown key"))
    }

    @Test func presetsFillInTheSchemeAndKeysBesideThemOverride() throws {
        let configuration = try parse(
            """
            instances:
              - { name: s, auth: { hmac: { preset: stripe, secret: whsec_abc } } }
              - { name: w, auth: { hmac: { preset: standard-webhooks, secret: "whsec_c2VjcmV0ZQ", tolerance_s: 60 } } }
              - { name: g, auth: { hmac: { preset: github, secret: s, header: X-Hub-Signature, algorithm: sha1 } } }
            """)
        let hmacs = configuration.instances.compactMap { instance -> HMACAuthConfiguration? in
            if case .hmac(let hmac) = instance.auth { return hmac } else { return nil }
        }
        try #require(hmacs.count == 3)
        #expect(hmacs[0] == HMACPreset.stripe.configuration(secrets: ["whsec_abc"]))
        #expect(hmacs[0].hasTimestamp && hmacs[0].layout == .fields(timestampKey: "t", signatureKey: "v1"))
        var standard = HMACPreset.standardWebhooks.configuration(secrets: ["whsec_c2VjcmV0ZQ"])
        standard.toleranceSeconds = 60
        #expect(hmacs[1] == standard)
        #expect(hmacs[2].header == "X-Hub-Signature" && hmacs[2].algorithm == .sha1 && hmacs[2].prefix == "sha256=")
        // The id is no secret: only the signature and time headers are dropped from kept headers.
        #expect(configuration.instances[1].auth.secretHeaderNames == ["webhook-signature", "webhook-timestamp"])
    }

    /// docs/signatures.md shows one section per preset, and each `auth:` line it shows loads.
    @Test func everyPresetLineOfTheSignatureDocsLoads() throws {
        let text = try String(contentsOf: IntakeBinary.packageRoot.appendingPathComponent("docs/signatures.md"), encoding: .utf8)
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("auth: { hmac: { preset: ") }.map { $0.split(separator: "#")[0] }
        let shown = Set(lines.compactMap { $0.split(separator: " ").dropFirst(5).first.map { String($0.dropLast()) } })
        #expect(shown == Set(HMACPreset.allCases.map(\.rawValue)), "\(lines)")
        let instances = lines.enumerated().map { "  - { name: i\($0.offset), \($0.element.trimmingCharacters(in: .whitespaces)) }" }
        let variables = [
            "GITHUB_WEBHOOK_SECRET", "SLACK_SIGNING_SECRET", "STRIPE_WEBHOOK_SECRET", "WEBHOOK_SECRET", "TYPEFORM_SECRET", "SHOPIFY_SECRET",
        ]
        let configuration = try parse(
            "instances:\n" + instances.joined(separator: "\n"),
            environment: Dictionary(uniqueKeysWithValues: variables.map { ($0, "whsec_c2VjcmV0") }))
        #expect(configuration.instances.count == HMACPreset.allCases.count)
    }

    @Test func presetMistakes() {
        let messages = errors(
            """
            instances:
              - { name: a, auth: { hmac: { preset: strpe, secret: s } } }
              - { name: b, auth: { hmac: { preset: standard-webhooks, secret: "whsec_not base64!" } } }
              - { name: c, auth: { hmac: { secret: s } } }
              - { name: d, auth: { hmac: { header: X-Sig, secret: s, signed: "{id}.{body}" } } }
            """)
        #expect(messages.count == 4, "\(messages)")
        guard messages.count == 4 else { return }
        #expect(
            messages[0].hasPrefix(
                "test.yaml:2:40: instances[0].auth.hmac.preset: unknown preset 'strpe' (known presets: github, slack, stripe, standard-webhooks, typeform, shopify)"
            ),
            "\(messages[0])")
        #expect(
            messages[1].hasPrefix("test.yaml:3:67: instances[1].auth.hmac.secret: this sender's secret is base64 after 'whsec_'"), "\(messages[1])")
        #expect(messages[2].contains("instances[2].auth.hmac: 'preset' or 'header' is required"), "\(messages[2])")
        #expect(messages[3].contains("instances[3].auth.hmac.signed: {id} is only known to the standard-webhooks preset"), "\(messages[3])")
    }

    @Test func storageIsSQLiteOrPostgres() throws {
        let postgres = try parse("storage: { postgres: \"postgres://u:${PW}@db:5432/intake\" }", environment: ["PW": "pw"])
        #expect(postgres.storage == .postgres(url: "postgres://u:pw@db:5432/intake"))
        #expect(postgres.storage.logDescription == "postgres postgres://***@db:5432/intake")
        #expect(errors("storage: { sqlite: a.db, postgres: \"postgres://x\" }").first?.contains("exactly one of") == true)
        #expect(errors("storage: { postgres: mysql://x }").first?.contains("expected a URL") == true)
    }

    @Test func yamlSyntaxErrorsKeepTheirMark() {
        let messages = errors("listen: { host: [1, 2 }\n")
        #expect(messages.count == 1)
        #expect(messages[0].hasPrefix("test.yaml:1:"))
    }

    @Test func wrongKindsAreReported() {
        let messages = errors("listen: 8000\nlimits: { max_body_bytes: lots }\ninstances: { name: x }")
        #expect(
            messages == [
                "test.yaml:1:9: listen: expected a map, found a number",
                "test.yaml:2:27: limits.max_body_bytes: expected an integer, found a string",
                "test.yaml:3:12: instances: expected a list, found a map",
            ])
    }

    @Test func theEmbeddedDefaultIsTheRepositoryFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("intake.yaml"), encoding: .utf8)
        #expect(file == EmbeddedConfiguration.text)
        let configuration = try IntakeConfiguration.embeddedDefault(environment: [:], currentDirectory: "/tmp/here")
        #expect(configuration.isEmbeddedDefault)
        #expect(configuration.listen == ListenConfiguration(host: "127.0.0.1", port: 8000))
        #expect(configuration.storage == .sqlite(path: "/tmp/here/intake.db"))
        #expect(configuration.mappers == "/tmp/here/mappers")
        #expect(configuration.instances.count == 1)
        let forms = configuration.instances[0]
        #expect(forms.name == "forms" && forms.auth == AuthConfiguration.none && forms.storeSamples && forms.incidentType == "Unclassified")
        #expect(forms.mappers == ["google-forms-sheets", "google-forms-script"])
    }

    @Test func loadingAFileResolvesFromItsFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intake-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("intake.yaml")
        try "storage: { sqlite: x.db }\n".write(to: file, atomically: true, encoding: .utf8)
        let configuration = try IntakeConfiguration.load(contentsOf: file.path, environment: [:])
        #expect(configuration.storage == .sqlite(path: folder.appendingPathComponent("x.db").standardizedFileURL.path))
        #expect(configuration.source == file.path)
        do {
            _ = try IntakeConfiguration.load(contentsOf: folder.appendingPathComponent("missing.yaml").path, environment: [:])
            Issue.record("a missing file must fail")
        } catch {
            #expect(error.description.contains("missing.yaml:1:1: cannot read the configuration file"))
        }
    }
}

/// What `intake serve` refuses before it listens.
@Suite struct ConfigStartupTests {
    static let environment = IntakeEnvironment.standard(logger: .init(label: "t"))

    @Test func aPostgresURLIsCheckedWhereItIsWritten() throws {
        let bad = [
            ("storage: { postgres: \"postgres://u:pw@db/intake?sslmode=sometimes\" }", "sslmode 'sometimes' is not one of"),
            ("storage: { postgres: \"postgres://u:pw@db/intake?ssl=true\" }", "unknown parameter 'ssl'"),
            ("storage: { postgres: \"postgres://db/intake\" }", "the URL has no user"),
        ]
        for (text, expected) in bad {
            let found = ConfigLoadingTests().errors(text)
            #expect(found.first?.contains(expected) == true, "\(text): \(found)")
            #expect(found.first?.contains("1:") == true)
            #expect(found.allSatisfy { !$0.contains("pw") })
        }
        let good = try IntakeConfiguration.parse(
            "storage: { postgres: \"postgresql://u:p%40ss@db:6543/intake?sslmode=verify-full\" }", file: "pg.yaml",
            baseDirectory: "/", environment: [:])
        guard case .postgres(let text) = good.storage else {
            Issue.record("not a PostgreSQL storage: \(good.storage)")
            return
        }
        let url = try PostgresURL(text)
        #expect(url.user == "u")
        #expect(url.password == "p@ss")
        #expect(url.location == "db:6543/intake")
    }

    @Test func aMissingDatabaseIsNotCreatedForAReadingCommand() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intake-store-\(UUID().uuidString)")
        let configuration = try IntakeConfiguration.parse(
            "storage: { sqlite: intake.db }", file: "c.yaml", baseDirectory: folder.path, environment: [:])
        do {
            _ = try await Self.environment.stores.open(configuration, access: .existing)
            Issue.record("a missing database must not be opened for reading")
        } catch {
            #expect(error.message.contains("intake.db: no database here (from c.yaml)"), "\(error)")
            #expect(error.exitCode == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test func anUnknownMapperInAChainStopsTheStart() throws {
        let configuration = try IntakeConfiguration.parse(
            "instances:\n  - { name: a, auth: none, mappers: [nope] }", file: "c.yaml", baseDirectory: "/", environment: [:])
        let mappers = CompiledMappers(catalog: MapperCatalog(directory: "m"), steps: Self.environment.steps)
        #expect(throws: SourceErrors.self) {
            try IngestionService(configuration: configuration, environment: Self.environment, store: FailingStore(), mappers: mappers)
        }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(.enabled(if: FileManager.default.fileExists(atPath: root.appendingPathComponent("mappers").path), "needs the shipped mappers/ folder"))
    func theEmbeddedDefaultRunsTheShippedGoogleFormsMappers() throws {
        let configuration = try IntakeConfiguration.embeddedDefault(environment: [:], currentDirectory: Self.root.path)
        let mappers = try Self.environment.mappers(configuration.mapperSource)
        let service = try IngestionService(configuration: configuration, environment: Self.environment, store: FailingStore(), mappers: mappers)
        #expect(service.instances["forms"]?.chain.mappers.map(\.name) == ["google-forms-sheets", "google-forms-script"])
    }

    @Test func theEmbeddedDefaultToleratesMissingMappers() throws {
        let configuration = try IntakeConfiguration.embeddedDefault(environment: [:], currentDirectory: "/nonexistent")
        let mappers = try Self.environment.mappers(configuration.mapperSource)
        #expect(mappers.catalog.mappers.isEmpty)
        let service = try IngestionService(configuration: configuration, environment: Self.environment, store: FailingStore(), mappers: mappers)
        #expect(service.instances["forms"]?.chain.mappers.isEmpty == true)
    }
}
