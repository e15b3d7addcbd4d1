import Foundation
import Testing

@testable import Host

/// The CLI finds its configuration as SPEC §12 says — `--config`, else `$INTAKE_CONFIG`, else
/// `./intake.yaml`, else the embedded default — and only `intake serve` needs the instances'
/// secrets.
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first: these tests run the intake binary"))
struct CLIConfigDiscoveryTests {
    /// A folder as the tutorial leaves it: intake.yaml with a `concerns` instance whose auth
    /// reads FORMS_TOKEN (never set in these tests), its mapper, and a payload.
    static func tutorialFolder() throws -> ScratchFolder {
        let folder = try ScratchFolder()
        try folder.write(
            "intake.yaml",
            """
            storage: { sqlite: concerns.db }
            mappers: mappers
            instances:
              - name: concerns
                auth: { username: _header:Authorization, password: "Bearer ${FORMS_TOKEN}" }
                mappers: [concern]
            """)
        try folder.write(
            "mappers/concern.yaml",
            """
            mapper: concern
            type: Concern
            fields:
              reporter: $.email
              name: [ { template: "Concern from {{ reporter }}" } ]
            """)
        try folder.write("mappers/types.yaml", "incident_types:\n  Concern:\n    fields:\n      reporter: email\n")
        try folder.write("report.json", #"{"email": "Ann@Example.com"}"#)
        return folder
    }

    @Test func commandsInTheFolderReadItsIntakeYamlWithoutTheSecrets() throws {
        let folder = try Self.tutorialFolder()
        defer { folder.remove() }
        let dryRun = try IntakeBinary.run(["dry-run", "--instance", "concerns", "report.json"], in: folder.url)
        #expect(dryRun.status == 0, "\(dryRun)")
        let element = try #require(try elements(dryRun).first)
        #expect(dig(element, "incident", "name") as? String == "Concern from ann@example.com", "\(dryRun)")

        let check = try IntakeBinary.run(["check"], in: folder.url)
        #expect(check.status == 0, "\(check)")
        #expect(
            check.stdout == "\(folder.url.appendingPathComponent("mappers").path): 1 mapper, 1 incident type, 1 instance, 0 warnings\n", "\(check)")

        // The listener is the one command that needs the secret, and says which.
        let serve = try IntakeBinary.run(["serve"], in: folder.url)
        #expect(serve.status == 2, "\(serve)")
        #expect(serve.stderr.contains("intake.yaml:5:") && serve.stderr.contains("environment variable FORMS_TOKEN is not set"), "\(serve)")
    }

    @Test func intakeConfigNamesTheFileFromAnywhere() throws {
        let folder = try Self.tutorialFolder()
        defer { folder.remove() }
        let elsewhere = try ScratchFolder()
        defer { elsewhere.remove() }
        try elsewhere.write("report.json", #"{"email": "bob@example.com"}"#)
        let config = folder.url.appendingPathComponent("intake.yaml").path
        let dryRun = try IntakeBinary.run(
            ["dry-run", "--instance", "concerns", "report.json"], in: elsewhere.url, environment: ["INTAKE_CONFIG": config])
        #expect(dryRun.status == 0, "\(dryRun)")
        #expect(dig(try elements(dryRun).first, "incident", "type") as? String == "Concern", "\(dryRun)")

        // Without it, the folder has no intake.yaml: the embedded default, which has no `concerns`.
        let without = try IntakeBinary.run(["dry-run", "--instance", "concerns", "report.json"], in: elsewhere.url)
        #expect(without.status == 2, "\(without)")
        #expect(without.stderr.contains("<embedded intake.yaml>: no instance named 'concerns'"), "\(without)")

        let missing = try IntakeBinary.run(
            ["dry-run", "--instance", "concerns", "report.json"], in: elsewhere.url, environment: ["INTAKE_CONFIG": "/nonexistent/intake.yaml"])
        #expect(missing.status == 2, "\(missing)")
        #expect(missing.stderr.contains("/nonexistent/intake.yaml:1:1: cannot read the configuration file"), "\(missing)")
    }
}

/// Small commands of SPEC §12: `intake --version`, `intake dry-run -`.
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first: these tests run the intake binary"))
struct CLISmallCommandsTests {
    @Test func versionPrintsOneLine() throws {
        let outcome = try IntakeBinary.run(["--version"])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout.range(of: #"^\d+\.\d+\.\d+(-[a-z]+)?\n$"#, options: .regularExpression) != nil, "\(outcome)")
    }

    @Test func dryRunDashReadsStandardInput() throws {
        let folder = try CLIConfigDiscoveryTests.tutorialFolder()
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(
            ["dry-run", "--instance", "concerns", "-"], in: folder.url, stdin: #"[{"email": "a@example.com"}, {"email": "b@example.com"}]"#)
        #expect(outcome.status == 0, "\(outcome)")
        let printed = try elements(outcome)
        #expect(printed.map { $0["source"] as? String } == ["<stdin>#0", "<stdin>#1"], "\(outcome)")
        #expect(printed.map { dig($0, "incident", "fields", "reporter") as? String } == ["a@example.com", "b@example.com"], "\(outcome)")

        let broken = try IntakeBinary.run(["dry-run", "--instance", "concerns", "-"], in: folder.url, stdin: "{oops")
        #expect(broken.status == 2, "\(broken)")
        #expect(broken.stderr.hasPrefix("<stdin>: invalid JSON"), "\(broken)")
    }

    @Test func samplesOfAnInstanceTheConfigurationLacksIsAnError() async throws {
        let folder = try CLIConfigDiscoveryTests.tutorialFolder()
        defer { folder.remove() }
        let store = try SQLiteIncidentStore(path: folder.url.appendingPathComponent("concerns.db").path)
        try await store.migrate()
        try await store.close()
        let configured = try IntakeBinary.run(["samples", "list", "--instance", "concerns"], in: folder.url)
        #expect(configured.status == 0 && configured.stdout.contains(#""samples": []"#), "\(configured)")
        let outcome = try IntakeBinary.run(["samples", "list", "--instance", "concern"], in: folder.url)
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stdout.isEmpty, "\(outcome)")
        #expect(outcome.stderr.contains("no instance named 'concern' (instances: concerns)"), "\(outcome)")
    }

    @Test func instancesPrintsURLsAuthAndACurlLineWithoutTheSecrets() throws {
        let folder = try CLIConfigDiscoveryTests.tutorialFolder()
        defer { folder.remove() }
        try folder.write(
            "intake.yaml",
            """
            listen: { host: 0.0.0.0, port: 8443 }
            storage: { sqlite: concerns.db }
            mappers: mappers
            instances:
              - name: concerns
                auth: { username: _header:Authorization, password: "Bearer ${FORMS_TOKEN}" }
                mappers: [concern]
                port: 9001
              - name: hooks
                auth: { hmac: { preset: github, secret: "${GITHUB_SECRET}" } }
            """)
        let outcome = try IntakeBinary.run(["instances", "--json"], in: folder.url)
        #expect(outcome.status == 0, "\(outcome)")
        let printed = try elements(outcome)
        #expect(printed.map { $0["name"] as? String } == ["concerns", "hooks"])
        #expect(printed.first?["urls"] as? [String] == ["http://127.0.0.1:8443/instance/execute/concerns", "http://127.0.0.1:9001/"])
        #expect(printed.first?["auth"] as? String == "header Authorization")
        #expect(
            printed.first?["curl"] as? String
                == #"curl -s -X POST 'http://127.0.0.1:8443/instance/execute/concerns' -H 'Content-Type: application/json' -H "Authorization: Bearer ${FORMS_TOKEN}" --data @payload.json"#
        )
        #expect(printed.last?["auth"] as? String == "hmac X-Hub-Signature-256", "\(outcome)")

        let text = try IntakeBinary.run(["instances"], in: folder.url)
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.hasPrefix("concerns (auth: header Authorization)\n  http://127.0.0.1:8443/instance/execute/concerns\n"), "\(text)")
    }
}

/// `intake serve` on a port another process holds names the address (SPEC §12 messages).
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first: these tests run the intake binary"))
struct ServeBusyPortTests {
    @Test func aBusyPortIsNamed() async throws {
        // Hold a port with a first listener, then start a second on the same port.
        let first = try await ServeProcess.start(arguments: [])
        defer { first.stop() }
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try folder.write("mappers/types.yaml", "incident_types:\n  Unclassified: {}\n")
        try folder.write(
            "intake.yaml",
            """
            listen: { host: 127.0.0.1, port: \(first.port) }
            storage: { sqlite: second.db }
            mappers: mappers
            instances:
              - { name: forms, auth: none }
            """)
        let outcome = try IntakeBinary.run(["serve"], in: folder.url)
        #expect(outcome.status == 1, "\(outcome)")
        #expect(
            outcome.stderr.contains("intake serve: cannot listen: the address is already in use: http://127.0.0.1:\(first.port) (listen.port)"),
            "\(outcome)")
    }
}

/// A strftime date format is answered with the TR35 pattern it means (issue 13 item 6).
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first: these tests run the intake binary"))
struct StrftimeDateFormatTests {
    @Test func aStrftimeFormatSuggestsItsPattern() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try folder.write("mappers/a.yaml", "mapper: a\nfields:\n  occurred: [ $.when, { date: \"%d/%m/%Y %H:%M\" } ]\n")
        let outcome = try IntakeBinary.run(["check", "--mappers", "mappers"], in: folder.url)
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.hasPrefix("mappers/a.yaml:3:31: "), "\(outcome)")
        #expect(outcome.stderr.contains("is a strftime pattern; date formats are Unicode (TR35) patterns: write 'dd/MM/yyyy HH:mm'"), "\(outcome)")
    }
}
