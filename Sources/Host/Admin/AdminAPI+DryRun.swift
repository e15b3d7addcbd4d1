import Hummingbird
import Transforms

extension AdminAPI {
    /// The keys `POST /api/instances/{name}/dry-run` takes.
    static let dryRunKeys = ["mapper", "payloads", "explain"]

    /// The most stored samples one dry-run maps.
    static let dryRunSampleLimit = AdminParameters.maximumLimit

    /// `POST /api/instances/{name}/dry-run`: maps without storing and answers the dry-run array
    /// of SEMANTICS S131, each mapped incident with the actions it would trigger and their
    /// rendered requests (SPEC §13), as `intake dry-run` shows them; nothing is sent.
    ///
    /// Body `{"mapper": "<yaml>"?, "payloads": [...]?, "explain": bool?}`. With `mapper`, that
    /// text alone is the chain (with the instance's types and default type), so a candidate
    /// rule can be tried on real traffic before it is deployed; without it, the instance's
    /// own chain. Without `payloads`, the instance's stored samples, newest first, each with
    /// its own headers and time received (`source` is `sample:ID`); a given payload is
    /// `payloads#i`, received now, with no headers.
    func dryRun(instance name: String, request: Request) async throws -> Response {
        let body = try await AdminBody(request, limits: configuration.limits, allowed: Self.dryRunKeys)
        let explain = try body.bool("explain")
        let (chain, inputs) = try await payloadsToMap(instance: name, body: body)
        let elements = inputs.flatMap { input in
            var request = input.request
            request.explain = explain
            return chain.map(input.payload, request: request).map { $0.dryRunJSON(source: input.source) }
        }
        let actions = DryRunActions(actions: configuration.actions, instance: name, receivedAt: service.now())
        return Response.json(.array(actions.annotate(elements)))
    }

    /// `POST /api/instances/{name}/sample-report`: the report of `intake check --samples`
    /// (SPEC §10) over what a dry-run with the same body maps: the drop-down values no lookup
    /// maps, the mappers that never match and those an earlier one shadows.
    ///
    /// Body `{"mapper": "<yaml>"?, "payloads": [...]?}` as for the dry-run. Answers
    /// ``SampleReport/json``.
    func sampleReport(instance name: String, request: Request) async throws -> Response {
        let body = try await AdminBody(request, limits: configuration.limits, allowed: Self.sampleReportKeys)
        let (chain, inputs) = try await payloadsToMap(instance: name, body: body)
        var report = SampleReport(chain: chain)
        for input in inputs { report.add(input.payload, request: input.request) }
        return Response.json(report.json)
    }

    /// The keys `POST /api/instances/{name}/sample-report` takes.
    static let sampleReportKeys = ["mapper", "payloads"]

    /// One payload to map without storing, with the `source` a dry-run names it by.
    struct PayloadToMap {
        var source: String
        var payload: JSON
        var request: MappingRequest
    }

    /// The chain to map with (the body's mapper, else the instance's chain) and the payloads
    /// to map: the body's, else the instance's stored samples, newest first.
    private func payloadsToMap(instance name: String, body: AdminBody) async throws -> (MappingChain, [PayloadToMap]) {
        let runtime = try runtime(name)
        var chain = runtime.chain
        if let text = try body.string("mapper") {
            chain = try Self.compile(mapper: text, like: runtime, steps: service.steps)
        }
        if let payloads = try body.array("payloads") {
            guard payloads.count <= configuration.limits.maxPayloadsPerRequest else {
                throw IngestError(
                    .badRequest,
                    "payloads holds \(payloads.count) payloads; the limit is \(configuration.limits.maxPayloadsPerRequest) "
                        + "(limits.max_payloads_per_request).")
            }
            let request = MappingRequest(headers: [], receivedAt: service.now())
            return (chain, payloads.enumerated().map { PayloadToMap(source: "payloads#\($0.offset)", payload: $0.element, request: request) })
        }
        let samples = try await AdminResponse.store(logger) {
            try await store.samples(instance: runtime.name, limit: Self.dryRunSampleLimit)
        }
        return (chain, try samples.map { sample throws(IngestError) in try Self.payloadToMap(sample) })
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

    /// One stored sample as it arrived: its headers, its time received.
    static func payloadToMap(_ sample: StoredSample) throws(IngestError) -> PayloadToMap {
        let payload: JSON
        do { payload = try JSON.parse(sample.payloadText) } catch {
            // The store keeps only text that parsed when it arrived: a damaged row.
            throw IngestError(.internalServerError, "Stored sample \(sample.id) is not valid JSON.")
        }
        let request = MappingRequest(headers: HTTPHeader.list(storedJSON: sample.headersText), receivedAt: sample.received)
        return PayloadToMap(source: "sample:\(sample.id)", payload: payload, request: request)
    }
}
