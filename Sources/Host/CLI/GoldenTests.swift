import Foundation
import Transforms

/// `intake test`'s cases: every `samples/**/X.json` with an `X.expected.json` beside it
/// (SEMANTICS S133), mapped with `DIR/mappers`.
struct GoldenTestRun {
    struct Case {
        var payload: String
        var expected: String
        var arguments: String?
        var name: String
    }

    struct Failure {
        var name: String
        var lines: [String]
        /// The case could not run (a bad args file, an unreadable payload or expected file, an
        /// unknown mapper): a usage error, exit 2, rather than a difference, exit 1.
        var isError = false
    }

    var directory: String
    var environment: IntakeEnvironment
    /// `--filter TEXT`: only the cases whose name (`samples/…`) contains it.
    var filter: String?
    /// `--update`: a case that differs gets its expected file rewritten instead of failing.
    var update = false

    func cases() throws -> [Case] {
        let samples = (directory as NSString).appendingPathComponent("samples")
        // Foundation's enumerator is not nil for a missing folder on Linux: check first, so a
        // folder without samples/ is a usage error rather than "0 passed".
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: samples, isDirectory: &isFolder), isFolder.boolValue,
            let walker = FileManager.default.enumerator(atPath: samples)
        else {
            throw CLIFailure.usage("\(samples): no samples folder to test (intake test DIR reads DIR/mappers and DIR/samples)")
        }
        var found: [Case] = []
        for case let relative as String in walker where relative.hasSuffix(".json") {
            guard !relative.hasSuffix(".expected.json"), !relative.hasSuffix(".args.json") else { continue }
            let payload = (samples as NSString).appendingPathComponent(relative)
            let stem = String(payload.dropLast(".json".count))
            guard FileManager.default.fileExists(atPath: stem + ".expected.json") else { continue }
            let arguments = stem + ".args.json"
            found.append(
                Case(
                    payload: payload, expected: stem + ".expected.json",
                    arguments: FileManager.default.fileExists(atPath: arguments) ? arguments : nil,
                    name: "samples/" + relative))
        }
        return found.filter { filter.map($0.name.contains) ?? true }.sorted { $0.name < $1.name }
    }

    /// Runs every case; returns the failures, and the cases whose expected file `--update`
    /// rewrote.
    func run() throws -> (count: Int, failures: [Failure], updated: [String]) {
        let catalog = try environment.mappers(MapperSource(directory: (directory as NSString).appendingPathComponent("mappers"))).catalog
        var failures: [Failure] = []
        var updated: [String] = []
        let all = try cases()
        for testCase in all {
            do {
                let options = try GoldenArguments(file: testCase.arguments)
                let chain: MappingChain
                do {
                    chain = try MappingChain(catalog: catalog, mapperNames: options.mappers, defaultType: options.defaultType)
                } catch {
                    throw CLIFailure(message: "\(error)", exitCode: 2)
                }
                let plan = DryRunPlan(
                    chain: chain, request: MappingRequest(headers: options.headers, receivedAt: options.receivedAt))
                let actual = JSON.array(try plan.map(file: testCase.payload, source: (testCase.payload as NSString).lastPathComponent))
                guard let data = FileManager.default.contents(atPath: testCase.expected) else {
                    throw CLIFailure(message: "\(testCase.expected): cannot read", exitCode: 2)
                }
                let expected: JSON
                do { expected = try JSON.parse(bytes: data) } catch {
                    throw CLIFailure(message: "\(testCase.expected): invalid JSON at \(error)", exitCode: 2)
                }
                // Compare what dry-run prints: instants become their RFC 3339 text.
                let printed = (try? JSON.parse(actual.serialized())) ?? actual
                let lines = GoldenComparison.differences(expected: expected, actual: printed)
                if !lines.isEmpty, update {
                    let text = GoldenComparison.updated(expected: expected, actual: printed).prettySerialized() + "\n"
                    guard FileManager.default.createFile(atPath: testCase.expected, contents: Data(text.utf8)) else {
                        throw CLIFailure(message: "\(testCase.expected): cannot write", exitCode: 2)
                    }
                    updated.append(testCase.name)
                } else if !lines.isEmpty {
                    failures.append(Failure(name: testCase.name, lines: lines))
                }
            } catch let failure as CLIFailure {
                failures.append(Failure(name: testCase.name, lines: [failure.message], isError: true))
            }
        }
        return (all.count, failures, updated)
    }
}

/// An `X.args.json`: the dry-run options of one case (S133). Any other key is an error.
struct GoldenArguments {
    var mappers: [String]?
    var defaultType = "Unclassified"
    var receivedAt = Instant.now
    var headers: [HTTPHeader] = []

    init(file: String?) throws {
        guard let file else { return }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIFailure(message: "\(file): cannot read", exitCode: 2)
        }
        let json: JSON
        do { json = try JSON.parse(bytes: data) } catch {
            throw CLIFailure(message: "\(file): invalid JSON at \(error)", exitCode: 2)
        }
        guard case .object(let object) = json else { throw CLIFailure(message: "\(file): must be a JSON object", exitCode: 2) }
        for (key, value) in object.members {
            switch (key, value) {
            case ("mappers", .array(let names)):
                let strings = names.compactMap(\.stringValue)
                guard strings.count == names.count, !strings.isEmpty else {
                    throw CLIFailure(message: "\(file): 'mappers' must be a non-empty list of mapper names", exitCode: 2)
                }
                mappers = strings
            case ("default_type", .string(let type)):
                defaultType = type
            case ("received_at", .string(let text)):
                receivedAt = try Instant.parseOption(text)
            case ("headers", .array(let lines)):
                headers = try parseHeaderOptions(lines.map { $0.stringValue ?? "" })
            default:
                throw CLIFailure(
                    message: "\(file): unknown or mistyped key '\(key)' (known: mappers, default_type, received_at, headers)",
                    exitCode: 2)
            }
        }
    }
}
