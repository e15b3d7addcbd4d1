import Foundation
import Testing
import Transforms

@testable import Host

/// docs/tour.md, run as written: the mapper the reader writes is checked and dry-run, put in
/// the `forms` instance's chain by the configuration the page shows and put in force by
/// `POST /api/reload` (answered as the page shows); a form posted to the running listener is
/// mapped by it; its second version, from the page, is deployed with `SIGHUP` and maps the next
/// report.
@Suite(.serialized, .enabled(if: IntakeBinary.isBuilt, "run `swift build` first: the tour runs the intake binary"))
struct TourTests {
    static let root = IntakeBinary.packageRoot
    static let page = (try? String(contentsOf: root.appendingPathComponent("docs/tour.md"), encoding: .utf8)) ?? ""

    /// The fenced block right after `<!-- tour: NAME -->`.
    static func block(_ name: String) throws -> String {
        let marker = try #require(page.range(of: "<!-- tour: \(name) -->\n"), "docs/tour.md has no block '\(name)'")
        let rest = page[marker.upperBound...]
        let open = try #require(rest.range(of: "\n"), "\(name)")
        let close = try #require(rest[open.upperBound...].range(of: "```\n"), "\(name)")
        return String(rest[open.upperBound..<close.lowerBound])
    }

    @Test func theTourRunsAsWritten() async throws {
        let folder = try ScratchFolder(prefix: "intake-tour")
        defer { folder.remove() }
        // mkdir /tmp/tour && cp -r intake.yaml mappers samples /tmp/tour
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("mappers"), to: folder.url.appendingPathComponent("mappers"))
        try folder.copy(
            Self.root.appendingPathComponent("samples/google_forms/sheets_trigger_phishing.json"),
            to: "samples/google_forms/sheets_trigger_phishing.json")
        try folder.copy(
            Self.root.appendingPathComponent("samples/google_forms/sheets_trigger_unknown_type.json"),
            to: "samples/google_forms/sheets_trigger_unknown_type.json")
        let shipped = try String(contentsOf: Self.root.appendingPathComponent("intake.yaml"), encoding: .utf8)
        #expect(shipped.contains("port: 8000 }"))
        let config = try folder.write("intake.yaml", shipped.replacingOccurrences(of: "port: 8000 }", with: "port: 0 }"))

        // 1. Write a mapper, check it: the warning the page explains.
        try folder.write("mappers/my-form.yaml", try Self.block("mappers/my-form.yaml"))
        let checked = try IntakeBinary.run(["check", "--mappers", "mappers"], in: folder.url)
        #expect(checked.status == 0, "\(checked)")
        #expect(checked.stderr.contains("mappers/my-form.yaml:1:1: mapper 'my-form' can select 'Lost Device', whose required"), "\(checked)")

        // 2. Dry-run it, with the explanation.
        let dryRun = try IntakeBinary.run(
            ["dry-run", "--mapper", "my-form", "--explain", "samples/google_forms/sheets_trigger_phishing.json"], in: folder.url)
        #expect(dryRun.status == 0, "\(dryRun)")
        let element = try JSON.parse(dryRun.stdout).arrayValue?.first
        #expect(element?["incident"]?["mapper"] == ["name": "my-form", "version": 1], "\(dryRun)")
        #expect(element?["trace"] != nil)

        let serve = try await ServeLaunch.start(config: config)
        defer { serve.process.terminate() }

        // 3. The instance's chain as the page shows it, checked, then reloaded.
        let text = try String(contentsOf: config, encoding: .utf8)
        let instances = try #require(text.range(of: "instances:\n"), "the shipped intake.yaml has instances")
        try (String(text[..<instances.lowerBound]) + (try Self.block("intake.yaml instances"))).write(
            to: config, atomically: true, encoding: .utf8)
        let checkedAll = try IntakeBinary.run(["check"], in: folder.url)
        #expect(checkedAll.status == 0, "\(checkedAll)")
        #expect(checkedAll.stdout.hasSuffix("1 instance, 1 warning\n"), "\(checkedAll)")
        let reloaded = try await TestHTTP.send(port: serve.port, "POST", "/api/reload", body: "")
        #expect(reloaded.status == 200, "\(reloaded)")
        let shown = try JSON.parse(try Self.block("reload answer"))
        for key in ["status", "generation", "instances", "actions", "incident_types", "restart_needed"] {
            #expect(reloaded[key] == shown[key], "\(key): the page shows \(shown[key].map { "\($0)" } ?? "nothing")")
        }
        #expect(reloaded["warnings"]?.arrayValue?.count == 1)

        // 4. POST the form: the reader's mapper maps it.
        let posted = try await TestHTTP.post(
            port: serve.port, "/instance/execute/forms",
            json: try String(contentsOf: folder.url.appendingPathComponent("samples/google_forms/sheets_trigger_phishing.json"), encoding: .utf8))
        let first = try #require(posted.json?.arrayValue?.first, "\(posted)")
        #expect(first["status"] == "created", "\(posted)")
        let incident = try await TestHTTP.send(port: serve.port, "GET", "/api/incidents/\(first.id ?? "")", body: "")
        #expect(incident["mapper"]?["name"] == "my-form", "\(incident)")
        #expect(incident["mapper"]?["version"] == 1, "\(incident)")

        // 5. Version 2 from the page, checked (no warning left), deployed with SIGHUP.
        try folder.write("mappers/my-form.yaml", try Self.block("mappers/my-form.yaml version 2"))
        let fixed = try IntakeBinary.run(["check"], in: folder.url)
        #expect(fixed.stdout.hasSuffix("1 instance, 0 warnings\n"), "\(fixed)")
        let marker = "configuration and mappers reloaded"
        let before = serve.log.all.joined().components(separatedBy: marker).count
        kill(serve.process.processIdentifier, SIGHUP)
        for _ in 0..<200 where serve.log.all.joined().components(separatedBy: marker).count <= before {
            try await Task.sleep(for: .milliseconds(50))
        }
        let next = try await TestHTTP.post(
            port: serve.port, "/instance/execute/forms",
            json: try String(contentsOf: folder.url.appendingPathComponent("samples/google_forms/sheets_trigger_unknown_type.json"), encoding: .utf8))
        let second = try #require(next.json?.arrayValue?.first, "\(next)")
        #expect(second["status"] == "created", "\(next)")
        let shownSecond = try IntakeBinary.run(["incidents", "show", second.id ?? ""], in: folder.url)
        #expect(shownSecond.status == 0, "\(shownSecond)")
        #expect(try JSON.parse(shownSecond.stdout)["mapper"] == ["name": "my-form", "version": 2], "\(shownSecond)")
    }
}
