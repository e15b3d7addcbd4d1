import Foundation
import Transforms

/// What a dry-run maps with: the chain, and the request it pretends the payloads came in.
struct DryRunPlan {
    var chain: MappingChain
    var request: MappingRequest

    /// The folder `--mappers` defaults to (S130).
    static let defaultMappersDirectory = "mappers"

    /// Loads the mappers folder and builds the chain (SEMANTICS S130).
    ///
    /// - Parameters:
    ///   - mappersDirectory: `--mappers`; `nil` means `./mappers`, which may be absent when
    ///     every `--mapper` is a file (`intake dry-run --mapper my.yaml payload.json` works
    ///     in any folder, with no incident types declared).
    ///   - mapperReferences: names in the folder or paths of mapper files; `nil`
    ///     means every mapper of the folder in load order.
    static func make(
        in environment: IntakeEnvironment, mappersDirectory: String?, mapperReferences: [String]?, defaultType: String,
        receivedAt: Instant, headers: [HTTPHeader], explain: Bool
    ) throws -> DryRunPlan {
        let source = MapperSource(directory: mappersDirectory ?? defaultMappersDirectory)
        var mappers: CompiledMappers
        if mappersDirectory == nil, let mapperReferences, mapperReferences.allSatisfy(isMapperFile),
            !FileManager.default.fileExists(atPath: source.directory)
        {
            mappers = CompiledMappers(catalog: MapperCatalog(directory: source.directory), steps: try environment.steps(for: source))
        } else {
            mappers = try environment.mappers(source)
        }
        var names: [String]? = nil
        if let mapperReferences {
            names = []
            for reference in mapperReferences {
                if isMapperFile(reference) {
                    do {
                        let mapper = try Mapper(contentsOf: reference, registry: mappers.steps)
                        try mappers.catalog.add(mapper)
                        names?.append(mapper.name)
                    } catch {
                        throw CLIFailure(message: "\(error)", exitCode: 2)
                    }
                } else {
                    names?.append(reference)
                }
            }
        }
        do {
            let chain = try MappingChain(catalog: mappers.catalog, mapperNames: names, defaultType: defaultType)
            return DryRunPlan(chain: chain, request: MappingRequest(headers: headers, receivedAt: receivedAt, explain: explain))
        } catch {
            throw CLIFailure(message: "\(error)", exitCode: 2)
        }
    }

    /// A `--mapper` that is a file path rather than a mapper name (names match `[a-z0-9-]+`).
    static func isMapperFile(_ reference: String) -> Bool {
        reference.hasSuffix(".yaml") || reference.hasSuffix(".yml") || reference.contains("/")
    }

    /// Maps every payload of a file: an array file is one payload per element (`PATH#i`).
    func map(file path: String, source: String) throws -> [JSON] {
        try payloads(file: path, source: source).flatMap { payload in
            chain.map(payload.value, request: payload.request).map { $0.dryRunJSON(source: payload.source) }
        }
    }

    /// The payloads of a file, each with this plan's request: an array file is one payload
    /// per element (`PATH#i`), any other JSON value one payload (S131). The file `-` is
    /// standard input, printed as `<stdin>` (`intake dry-run -`, like `intake query`).
    func payloads(file path: String, source: String) throws -> [DryRunPayload] {
        let isStandardInput = path == "-"
        let source = isStandardInput ? "<stdin>" : source
        let path = isStandardInput ? source : path
        guard let data = isStandardInput ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path) else {
            throw CLIFailure(message: "\(path): cannot read the payload file", exitCode: 2)
        }
        let payload: JSON
        do { payload = try JSON.parse(bytes: data) } catch {
            throw CLIFailure(message: "\(path): invalid JSON at \(error)", exitCode: 2)
        }
        if case .array(let elements) = payload {
            return elements.enumerated().map { index, element in
                DryRunPayload(source: "\(source)#\(index)", value: element, request: request)
            }
        }
        return [DryRunPayload(source: source, value: payload, request: request)]
    }

    /// A stored sample as a payload (`source` is `sample:ID`): its kept headers, then any
    /// `--header`, and the time it was received unless `--received-at` fixes one.
    func payload(sample: StoredSample, receivedAt: Instant?) -> DryRunPayload {
        var request = self.request
        request.headers = sample.mappingHeaders + request.headers
        request.receivedAt = receivedAt ?? sample.received
        return DryRunPayload(source: "sample:\(sample.id)", value: StoredJSON.value(sample.payloadText), request: request)
    }
}

/// One payload a dry-run maps, with the name it prints as `source` and the request it
/// pretends the payload came in.
struct DryRunPayload {
    var source: String
    var value: JSON
    var request: MappingRequest

    /// The dry-run elements of this payload under `chain` (S131).
    func elements(with chain: MappingChain) -> [JSON] {
        chain.map(value, request: request).map { $0.dryRunJSON(source: source) }
    }
}

extension Instant {
    /// Reads `--received-at` (RFC 3339 / ISO-8601).
    static func parseOption(_ text: String?) throws -> Instant {
        guard let text else { return Instant.now }
        guard let instant = ISO8601.parse(text, zone: nil) else {
            throw CLIFailure.usage("--received-at: '\(text)' is not an RFC 3339 instant such as 2026-11-29T12:00:00Z")
        }
        return instant
    }

    static var now: Instant {
        Instant(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}

/// Reads `--header "Name: value"` options.
func parseHeaderOptions(_ lines: [String]) throws -> [HTTPHeader] {
    try lines.map { line in
        guard let header = HTTPHeader(line: line) else {
            throw CLIFailure.usage("--header: '\(line)' is not of the form \"Name: value\"")
        }
        return header
    }
}
