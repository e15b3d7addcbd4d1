import Foundation
import Testing
import Transforms

/// WebAssembly steps through the real `intake` binary, in a project folder where the user
/// dropped `.wasm` files into `mappers/plugins/`.
@Suite(
    .enabled(if: IntakeBinary.isBuilt, "run `swift build` first"),
    .enabled(if: PluginFixtures.areBuilt, "plugins not built: run scripts/build-plugins.sh"))
struct PluginCLITests {
    @Test("intake plugins list shows built-in and WebAssembly steps with version, argument schema and source")
    func pluginsList() throws {
        let folder = try PluginProject.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = try IntakeBinary.run(["plugins", "list", "--mappers", "mappers"], in: folder)
        #expect(table.status == 0, "\(table)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("STEP") == true)
        let defang = try #require(lines.first { $0.hasPrefix("defang ") })
        #expect(defang.contains("wasm") && defang.contains("1.0.0") && defang.contains("mappers/plugins/defang.wasm"))
        #expect(defang.contains(#""dots":{"type":"boolean""#))
        #expect(lines.contains { $0.hasPrefix("trim ") && $0.contains("built-in") })

        let json = try IntakeBinary.run(["plugins", "list", "--mappers", "mappers", "--json"], in: folder)
        let steps = try #require(try JSON.parse(json.stdout).arrayValue)
        #expect(steps.count == StepRegistry.builtIn.names.count + 4)
        let mask = try #require(steps.first { $0.objectValue?["name"] == .string("mask") }?.objectValue)
        #expect(mask["kind"] == .string("wasm"))
        #expect(mask["version"] == .string("1.0.0"))
    }

    @Test("intake check accepts the plugin steps and reports a wrong argument at file:line:column")
    func check() throws {
        let folder = try PluginProject.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clean = try IntakeBinary.run(["check", "--mappers", "mappers"], in: folder)
        #expect(clean.status == 0, "\(clean)")
        try "mapper: typo\nfields:\n  details: [ { path: $.text }, { defang: { dot: false } } ]\n"
            .write(to: folder.appendingPathComponent("mappers/typo.yaml"), atomically: true, encoding: .utf8)
        let wrong = try IntakeBinary.run(["check", "--mappers", "mappers"], in: folder)
        #expect(wrong.status == 2)
        #expect(
            wrong.stderr.contains("mappers/typo.yaml:3:44: fields.details: step 2 (defang): unknown key 'dot' (known keys: dots, schemes)"),
            "\(wrong)")
    }

    @Test("two plugins with one name fail every command's load")
    func nameClashes() throws {
        let folder = try PluginProject.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plugins = folder.appendingPathComponent("mappers/plugins")
        try FileManager.default.copyItem(at: plugins.appendingPathComponent("mask.wasm"), to: plugins.appendingPathComponent("mask-2.wasm"))
        let check = try IntakeBinary.run(["check", "--mappers", "mappers"], in: folder)
        #expect(check.status == 2)
        #expect(
            check.stderr.contains("mappers/plugins/mask.wasm:1:1: a plugin named 'mask' is already loaded from mappers/plugins/mask-2.wasm"),
            "\(check)")
        let list = try IntakeBinary.run(["plugins", "list", "--mappers", "mappers"], in: folder)
        #expect(list.status == 2)
        #expect(
            list.stderr.contains("mappers/plugins/mask.wasm:1:1: a plugin named 'mask' is already loaded from mappers/plugins/mask-2.wasm"), "\(list)"
        )
    }

    @Test("intake dry-run maps through plugins; a looping and a trapping plugin quarantine their payload")
    func dryRun() throws {
        let folder = try PluginProject.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        try PluginProject.payload.write(to: folder.appendingPathComponent("pasted.json"), atomically: true, encoding: .utf8)
        try #"{"kind": "spin", "text": "x"}"#.write(to: folder.appendingPathComponent("spin.json"), atomically: true, encoding: .utf8)
        try #"{"kind": "crash", "text": "x"}"#.write(to: folder.appendingPathComponent("crash.json"), atomically: true, encoding: .utf8)
        let mapped = try IntakeBinary.run(["dry-run", "--mappers", "mappers", "pasted.json"], in: folder)
        #expect(mapped.status == 0, "\(mapped)")
        let incident = try #require(try JSON.parse(mapped.stdout).arrayValue?.first?.objectValue?["incident"]?.objectValue)
        #expect(incident["details"] == .string(PluginProject.defanged))
        #expect(incident["name"] == .string("callback to hxxp://evil.example.com from 10.0.0.1"))
        #expect(incident["fields"]?.objectValue?["card"] == .string("************1111"))

        let started = Date()
        let failed = try IntakeBinary.run(["dry-run", "--mappers", "mappers", "spin.json", "crash.json", "pasted.json"], in: folder)
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(failed.status == 1, "\(failed)")
        let outcomes = try #require(try JSON.parse(failed.stdout).arrayValue)
        #expect(outcomes.map { $0.objectValue?["status"] } == [.string("quarantined"), .string("quarantined"), .string("mapped")])
        let spinError = outcomes[0].objectValue?["errors"]?.arrayValue?.first?.stringValue ?? ""
        #expect(spinError.contains("step 2 (test_loop): the plugin ran past its work bound"), "\(spinError)")
        let crashError = outcomes[1].objectValue?["errors"]?.arrayValue?.first?.stringValue ?? ""
        #expect(crashError.contains("step 2 (test_trap): the plugin trapped: unreachable"), "\(crashError)")
    }

    @Test("intake test runs golden samples through plugins")
    func goldenTest() throws {
        let folder = try PluginProject.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples = folder.appendingPathComponent("samples")
        try FileManager.default.createDirectory(at: samples, withIntermediateDirectories: true)
        try PluginProject.payload.write(to: samples.appendingPathComponent("pasted.json"), atomically: true, encoding: .utf8)
        let expected = """
            [{"source": "pasted.json", "status": "mapped", "incident": {"type": "Pasted", "name": "callback to hxxp://evil.example.com from 10.0.0.1",
              "occurred": "<any>", "severity": 0, "details": "\(PluginProject.defanged)", "fields": {"card": "************1111"},
              "mapper": {"name": "pasted", "version": 1}}}]
            """
        try expected.write(to: samples.appendingPathComponent("pasted.expected.json"), atomically: true, encoding: .utf8)
        let run = try IntakeBinary.run(["test", "."], in: folder)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("1 passed, 0 failed"), "\(run)")
        try expected.replacingOccurrences(of: "************1111", with: "4111111111111111")
            .write(to: samples.appendingPathComponent("pasted.expected.json"), atomically: true, encoding: .utf8)
        let failing = try IntakeBinary.run(["test", "."], in: folder)
        #expect(failing.status == 1, "\(failing)")
    }
}
