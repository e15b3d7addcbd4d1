import Foundation
import Transforms

/// One sample payload file with the chain and request its `X.args.json` names.
struct BenchCase {
    /// The path under the samples folder, without `.json`.
    var name: String
    var bytes: [UInt8]
    /// The same bytes for Foundation, copied once so the baseline does not pay the copy.
    var data: Data
    var chain: MappingChain
    var request: MappingRequest
    /// The file's payloads, parsed once for the map-only phase: an array file is one
    /// payload per element, as `intake dry-run` reads it.
    var payloads: [JSON]
    /// The mapper that applied to the first payload, or `default` for the default mapping.
    var appliedMapper: String
    /// Outcomes of one pass over the file, and how many were quarantined.
    var outcomes: Int
    var quarantined: Int
}

extension BenchCase {
    /// Every `X.json` under `samples` with an `X.args.json` or `X.expected.json` beside it,
    /// by name. A case with no args file maps with every mapper of the folder.
    static func discover(options: BenchOptions) throws(BenchFailure) -> [BenchCase] {
        let catalog: MapperCatalog
        do { catalog = try MapperCatalog.load(directory: options.mappersDirectory, registry: .builtIn) } catch {
            throw BenchFailure("\(error)")
        }
        let samples = options.samplesDirectory
        guard let walker = FileManager.default.enumerator(atPath: samples) else {
            throw BenchFailure("\(samples): no samples folder (pass ROOT or --samples)")
        }
        var stems: [String] = []
        for case let relative as String in walker where relative.hasSuffix(".json") {
            guard !relative.hasSuffix(".expected.json"), !relative.hasSuffix(".args.json") else { continue }
            let stem = String(relative.dropLast(".json".count))
            let base = samples + "/" + stem
            guard
                FileManager.default.fileExists(atPath: base + ".args.json")
                    || FileManager.default.fileExists(atPath: base + ".expected.json")
            else { continue }
            stems.append(stem)
        }
        var cases: [BenchCase] = []
        for name in stems.sorted() where options.names.isEmpty || options.names.contains(name) {
            let loaded = try load(name: name, samples: samples, catalog: catalog)
            if options.selects(loaded) { cases.append(loaded) }
        }
        return cases
    }

    private static func load(name: String, samples: String, catalog: MapperCatalog) throws(BenchFailure) -> BenchCase {
        let base = samples + "/" + name
        guard let data = FileManager.default.contents(atPath: base + ".json") else {
            throw BenchFailure("\(base).json: cannot read")
        }
        let arguments = try CaseArguments(file: base + ".args.json")
        let chain: MappingChain
        do {
            chain = try MappingChain(catalog: catalog, mapperNames: arguments.mappers, defaultType: arguments.defaultType)
        } catch {
            throw BenchFailure("\(base).args.json: \(error)")
        }
        let parsed: JSON
        do { parsed = try JSON.parse(bytes: data) } catch {
            throw BenchFailure("\(base).json: invalid JSON at \(error)")
        }
        let payloads: [JSON]
        if case .array(let elements) = parsed { payloads = elements } else { payloads = [parsed] }
        let request = MappingRequest(headers: arguments.headers, receivedAt: arguments.receivedAt)
        let outcomes = payloads.flatMap { chain.map($0, request: request) }
        return BenchCase(
            name: name, bytes: Array(data), data: data, chain: chain, request: request, payloads: payloads,
            appliedMapper: outcomes.first?.mapper?.name ?? "default",
            outcomes: outcomes.count, quarantined: outcomes.filter(\.isQuarantined).count)
    }
}

/// An `X.args.json`: the dry-run options of a case (SEMANTICS S133).
struct CaseArguments {
    var mappers: [String]?
    var defaultType = "Unclassified"
    /// A fixed instant when the file names none, so that runs are alike.
    var receivedAt = Instant(millisecondsSinceEpoch: 1_795_953_600_000)
    var headers: [HTTPHeader] = []

    /// Reads the file when it exists; any key but the four S133 names is an error.
    init(file: String) throws(BenchFailure) {
        guard let data = FileManager.default.contents(atPath: file) else { return }
        let json: JSON
        do { json = try JSON.parse(bytes: data) } catch { throw BenchFailure("\(file): invalid JSON at \(error)") }
        guard case .object(let object) = json else { throw BenchFailure("\(file): must be a JSON object") }
        for (key, value) in object.members {
            switch (key, value) {
            case ("mappers", .array(let names)):
                let strings = names.compactMap(\.stringValue)
                guard strings.count == names.count, !strings.isEmpty else {
                    throw BenchFailure("\(file): 'mappers' must be a non-empty list of mapper names")
                }
                mappers = strings
            case ("default_type", .string(let type)):
                defaultType = type
            case ("received_at", .string(let text)):
                guard let instant = ISO8601.parse(text, zone: nil) else {
                    throw BenchFailure("\(file): received_at '\(text)' is not an RFC 3339 instant")
                }
                receivedAt = instant
            case ("headers", .array(let lines)):
                headers = try lines.map { line throws(BenchFailure) in
                    guard let text = line.stringValue, let header = HTTPHeader(line: text) else {
                        throw BenchFailure("\(file): header \(line) is not \"Name: value\"")
                    }
                    return header
                }
            default:
                throw BenchFailure("\(file): unknown or mistyped key '\(key)' (known: mappers, default_type, received_at, headers)")
            }
        }
    }
}

extension BenchOptions {
    /// Whether `--filter` keeps a case: no filter, or one that its name or mapper contains.
    func selects(_ benchCase: BenchCase) -> Bool {
        filters.isEmpty || filters.contains { benchCase.name.contains($0) || benchCase.appliedMapper.contains($0) }
    }
}
