import Hummingbird
import Transforms

extension AdminAPI {
    /// The keys `POST /api/instances/{name}/dry-run` takes.
    static let dryRunKeys = ["mapper", "payloads", "explain"]

    /// The most stored samples one dry-run maps.
    static let dryRunSampleLimit = AdminParameters.maximumLimit

    /// `POST /api/instances/{name}/dry-run`: maps without storing and answers the dry-run array
    /// of SEMANTICS S131.
    ///
    /// Body `{"mapper": "<yaml>"?, "payloads": [...]?, "explain": bool?}`. With `mapper`, that
    /// text alone is the chain (with the instance's types and default type), so a candidate
    /// rule can be tried on real traffic before it is deployed; without it, the instance's
    /// own chain. Without `payloads`, the instance's stored samples, newest first, each with
    /// its own headers and time received (`source` is `sample:ID`); a given payload is
    /// `payloads#i`, received now, with no headers.
    func dryRun(instance name: String, request: Request) async throws -> Response {
        let runtime = try runtime(name)
        let body = try await AdminBody(request, limits: configuration.limits, allowed: Self.dryRunKeys)
        let explain = try body.bool("explain")
        var chain = runtime.chain
        if let text = try body.string("mapper") {
            chain = try Self.compile(mapper: text, like: runtime, steps: service.steps)
        }
        var elements: [JSON] = []
        if let payloads = try body.array("payloads") {
            guard payloads.count <= configuration.limits.maxPayloadsPerRequest else {
                throw IngestError(
                    .badRequest,
                    "payloads holds \(payloads.count) payloads; the limit is \(configuration.limits.maxPayloadsPerRequest) "
                        + "(limits.max_payloads_per_request).")
            }
            let mapping = MappingRequest(headers: [], receivedAt: service.now(), explain: explain)
            for (index, payload) in payloads.enumerated() {
                elements += chain.map(payload, request: mapping).map { $0.dryRunJSON(source: "payloads#\(index)") }
            }
        } else {
            let samples = try await AdminResponse.store(logger) {
                try await store.samples(instance: runtime.name, limit: Self.dryRunSampleLimit)
            }
            for sample in samples {
                elements += try Self.map(sample, with: chain, explain: explain)
            }
        }
        return Response.json(.array(elements))
    }

    /// Compiles mapper text sent in a request with the instances' steps (plugins included);
    /// its errors name the file `<request>`.
    ///
    /// - Throws: `400` with every error as `<request>:line:column: message`.
    static func compile(mapper text: String, like runtime: InstanceRuntime, steps: StepRegistry) throws(IngestError) -> MappingChain {
        do {
            var chain = try compiledChain(text, steps: steps, types: runtime.chain.types, defaultType: runtime.chain.defaultType)
            chain.onUnmatched = runtime.chain.onUnmatched
            return chain
        } catch {
            throw IngestError(.badRequest, "The mapper does not compile.", errors: error.errors.map(\.description))
        }
    }

    private static func compiledChain(
        _ text: String, steps: StepRegistry, types: IncidentTypeCatalog, defaultType: String
    ) throws(SourceErrors) -> MappingChain {
        let file = "<request>"
        let node: YAMLNode
        do { node = try YAMLLoader.load(text, file: file) } catch {
            throw SourceErrors([error])
        }
        guard node["mapper"] != nil else {
            throw SourceErrors([SourceError(.invalidValue, "not a mapper: it has no top-level 'mapper' key", at: node.mark)])
        }
        let mapper = try Mapper(node: node, file: file, sourceText: text, registry: steps)
        return try MappingChain(mappers: [mapper], types: types, defaultType: defaultType)
    }

    /// Maps one stored sample as it arrived: its headers, its time received.
    static func map(_ sample: StoredSample, with chain: MappingChain, explain: Bool) throws(IngestError) -> [JSON] {
        let source = "sample:\(sample.id)"
        let payload: JSON
        do { payload = try JSON.parse(sample.payloadText) } catch {
            // The store keeps only text that parsed when it arrived: a damaged row.
            throw IngestError(.internalServerError, "Stored sample \(sample.id) is not valid JSON.")
        }
        let mapping = MappingRequest(headers: HTTPHeader.list(storedJSON: sample.headersText), receivedAt: sample.received, explain: explain)
        return chain.map(payload, request: mapping).map { $0.dryRunJSON(source: source) }
    }
}
