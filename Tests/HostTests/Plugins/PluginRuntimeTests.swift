import Foundation
import Plugins
import Testing
import Transforms

/// The WebAssembly runtime through a registry built here, as a Swift host would build it:
/// real modules built from plugins/ by scripts/build-plugins.sh, compiled into real pipelines.
@Suite("WebAssembly plugin runtime", .enabled(if: PluginFixtures.areBuilt, "plugins not built: run scripts/build-plugins.sh"))
struct PluginRuntimeTests {
    let registry: StepRegistry

    init() throws {
        registry = try PluginFixtures.registry([
            PluginFixtures.shipped("defang"), PluginFixtures.shipped("mask"), PluginFixtures.fixture("test_loop"),
            PluginFixtures.fixture("test_trap"), PluginFixtures.fixture("test_invalid_json"),
        ])
    }

    @Test("the shipped plugins declare their name, version and argument schema")
    func metadata() throws {
        let folder = try PluginFolder(directory: PluginFixtures.shippedFolder, builtIn: .builtIn)
        let byName = Dictionary(uniqueKeysWithValues: folder.plugins.map { ($0.metadata.name, $0) })
        #expect(Set(byName.keys) == ["defang", "mask"])
        #expect(byName["defang"]?.metadata.version == "1.0.0")
        #expect(byName["defang"]?.metadata.argumentSchemaJSON?.serialized().contains("\"dots\"") == true)
        #expect(byName["mask"]?.metadata.argumentSchemaJSON == nil)
        #expect(registry["defang"]?.signature.summary.contains("defang") == true)
    }

    @Test("defang: schemes and dots in URLs, domains and IPs; prose dots and other values untouched")
    func defang() throws {
        let text = "see http://evil.example.com/a.php and HTTPS://x.io, from 10.0.0.1. Done."
        let output = try PluginFixtures.run("[defang]", input: .string(text), registry: registry).get()
        #expect(output == .string("see hxxp://evil[.]example[.]com/a[.]php and hxxps://x[.]io, from 10[.]0[.]0[.]1. Done."))
        let list = try PluginFixtures.run("[defang]", input: .array([.string("a.b"), .number(.int(3)), .string("ftp://c.d")]), registry: registry)
            .get()
        #expect(list == .array([.string("a[.]b"), .number(.int(3)), .string("fxp://c[.]d")]))
        let noDots = try PluginFixtures.run("[{defang: {dots: false}}]", input: .string("http://a.b"), registry: registry).get()
        #expect(noDots == .string("hxxp://a.b"))
        let escaped = try PluginFixtures.run("[defang]", input: .string("\"q\" a.b\nc.d é.fr"), registry: registry).get()
        #expect(escaped == .string("\"q\" a[.]b\nc[.]d é[.]fr"))
    }

    @Test("mask (WAT): all but the last four characters hidden, escapes and UTF-8 counted as one")
    func mask() throws {
        #expect(try PluginFixtures.run("[mask]", input: .string("4111111111111111"), registry: registry).get() == .string("************1111"))
        #expect(try PluginFixtures.run("[mask]", input: .string("abc"), registry: registry).get() == .string("abc"))
        #expect(try PluginFixtures.run("[mask]", input: .string("pässwörd\n1234"), registry: registry).get() == .string("*********1234"))
        let error = try PluginFixtures.run("[mask]", input: .number(.int(5)), registry: registry)
        #expect(try error.failureMessage() == "step 1 (mask): mask takes a string")
        // A transform step skips inputs with no value without calling the plugin.
        #expect(try PluginFixtures.run("[mask]", input: nil, registry: registry).get() == nil)
    }

    @Test("arguments are checked against the plugin's schema at file:line:column")
    func argumentErrors() throws {
        let unknown = try #require(try PluginFixtures.loadError("- path: $.a\n- defang: {dot: false}\n", registry: registry))
        #expect(unknown.description.hasPrefix("test.yaml:2:12: fields.x: step 2 (defang): unknown key 'dot' (known keys: dots, schemes)"))
        let wrongType = try #require(try PluginFixtures.loadError("- defang: {dots: \"no\"}\n", registry: registry))
        #expect(wrongType.description.hasPrefix("test.yaml:1:18: fields.x: step 1 (defang): 'dots' must be boolean, not a string"))
        let notAMap = try #require(try PluginFixtures.loadError("- defang: 3\n", registry: registry))
        #expect(notAMap.description.hasPrefix("test.yaml:1:11: fields.x: step 1 (defang): the argument must be object, not a number"))
        let noArgument = try #require(try PluginFixtures.loadError("- mask: {keep: 2}\n", registry: registry))
        #expect(noArgument.description.contains("'mask' takes no argument"))
    }

    @Test("a looping plugin is stopped by its work bound, fails only that call, and its instance is discarded")
    func loopingPluginIsBounded() throws {
        let started = Date()
        let result = try PluginFixtures.run("[test_loop]", input: .string("x"), registry: registry)
        #expect(try result.failureMessage().contains("ran past its work bound (\(PluginLimits.defaultFuelPerCall) fuel units)"))
        #expect(Date().timeIntervalSince(started) < 30, "the bound must stop the loop")
        let limits = PluginLimits(fuelPerCall: 1_000_000)
        let plugin = try #require(try PluginFolder(files: [PluginFixtures.fixture("test_loop")], builtIn: .builtIn, limits: limits).plugins.first)
        let pipeline = try PluginFixtures.pipeline("[test_loop]", registry: .builtIn.adding(plugin.definition))
        #expect(plugin.idleInstanceCount == 1)
        #expect(throws: StepError.self) { try pipeline.run(.string("x"), in: StepContext(payload: .null)) }
        #expect(plugin.idleInstanceCount == 0, "a stopped instance is not reused")
        // The next call gets a fresh instance and is bounded the same way.
        #expect(throws: StepError.self) { try pipeline.run(.string("y"), in: StepContext(payload: .null)) }
    }

    @Test("a trap and output that is not JSON each fail that call with a clear message")
    func trapAndInvalidOutput() throws {
        let trap = try PluginFixtures.run("[test_trap]", input: .string("x"), registry: registry)
        #expect(try trap.failureMessage().hasPrefix("step 1 (test_trap): the plugin trapped: unreachable"))
        let invalid = try PluginFixtures.run("[test_invalid_json]", input: .string("x"), registry: registry)
        #expect(try invalid.failureMessage().hasPrefix("step 1 (test_invalid_json): the plugin returned invalid output: not JSON"))
        // The same registry keeps working for the well-behaved plugins.
        #expect(try PluginFixtures.run("[defang]", input: .string("a.b"), registry: registry).get() == .string("a[.]b"))
    }

    @Test("concurrent calls never share an instance, and at most the idle limit is kept")
    func concurrentCalls() async throws {
        let plugin = try #require(try PluginFolder(files: [PluginFixtures.shipped("defang")], builtIn: .builtIn).plugins.first)
        let pipeline = try PluginFixtures.pipeline("[defang]", registry: .builtIn.adding(plugin.definition))
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var wrong = 0
                    for call in 0..<40 {
                        let host = "host\(task)-\(call).example"
                        let output = try? pipeline.run(.string(host), in: StepContext(payload: .null))
                        if output != .string(host.replacingOccurrences(of: ".", with: "[.]")) { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        #expect(plugin.idleInstanceCount >= 1 && plugin.idleInstanceCount <= PluginLimits().idleInstances)
    }

    @Test("memory past the cap fails that call inside the plugin; a module starting over the cap does not load")
    func memoryCap() throws {
        let limits = PluginLimits(memoryBytes: 256 * 1024)
        let small = try PluginFixtures.registry([PluginFixtures.shipped("defang")], limits: limits)
        let big = String(repeating: "a.", count: 200_000)
        let result = try PluginFixtures.run("[defang]", input: .string(big), registry: small)
        #expect(try result.failureMessage().contains("returned no memory"))
        #expect(try PluginFixtures.run("[defang]", input: .string("a.b"), registry: small).get() == .string("a[.]b"))
        #expect(throws: SourceErrors.self) {
            _ = try PluginFolder(files: [PluginFixtures.shipped("mask")], builtIn: .builtIn, limits: PluginLimits(memoryBytes: 32 * 1024))
        }
    }

    @Test("a built-in name cannot be taken, and two plugins with one name are a load error")
    func nameClashes() throws {
        let maskIsBuiltIn = try StepRegistry.builtIn.adding(
            StepDefinition(
                name: "mask", signature: StepSignature(argument: .none, input: .transform, summary: "stand-in"),
                isOptionsForm: { _ in false }, compile: { _, _ throws(SourceError) in fatalError("never compiled") }))
        let clash = try #require(throwsError { try PluginFolder(files: [PluginFixtures.shipped("mask")], builtIn: maskIsBuiltIn) })
        #expect(clash.description == "\(PluginFixtures.shipped("mask")):1:1: 'mask' is a built-in step: a plugin cannot take its name")
        let copy = try PluginFixtures.temporaryFile(
            named: "mask-copy.wasm", bytes: Array(Data(contentsOf: URL(fileURLWithPath: PluginFixtures.shipped("mask")))))
        let duplicate = try #require(throwsError { try PluginFolder(files: [PluginFixtures.shipped("mask"), copy], builtIn: .builtIn) })
        #expect(
            duplicate.description
                == "\(copy):1:1: a plugin named 'mask' is already loaded from \(PluginFixtures.shipped("mask")): two plugins cannot share a name")
    }

    @Test("a module importing anything ungranted, or not a module at all, does not load")
    func sandboxImports() throws {
        // (module (import "env" "f" (func))): the smallest module with an import.
        let importing: [UInt8] = [
            0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
            0x02, 0x09, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x66, 0x00, 0x00,
        ]
        let file = try PluginFixtures.temporaryFile(named: "importer.wasm", bytes: importing)
        let error = try #require(throwsError { try PluginFolder(files: [file], builtIn: .builtIn) })
        #expect(error.description.contains("the module imports env.f, which is not granted"))
        let garbage = try PluginFixtures.temporaryFile(named: "garbage.wasm", bytes: Array("not wasm".utf8))
        let notModule = try #require(throwsError { try PluginFolder(files: [garbage], builtIn: .builtIn) })
        #expect(notModule.description.contains("not a valid WebAssembly module"))
    }
}

/// The load errors a closure throws, or `nil`.
func throwsError(_ body: () throws -> Any) -> SourceErrors? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? SourceErrors
    }
}

extension Result where Failure == StepError {
    /// The step error's message; a test failure when the call succeeded.
    func failureMessage() throws -> String {
        switch self {
        case .success(let value): throw UnexpectedSuccess(value: "\(String(describing: value))")
        case .failure(let error): return error.message
        }
    }
}

struct UnexpectedSuccess: Error {
    var value: String
}
