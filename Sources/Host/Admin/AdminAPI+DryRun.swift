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
        let outcomes = try await mapWithoutStoring(instance: name, body: body, explain: try body.bool("explain"))
        let actions = DryRunActions(actions: configuration.actions, instance: name, receivedAt: service.now())
        return Response.json(.array(actions.annotate(outcomes.map { $0.outcome.dryRunJSON(source: $0.source) })))
    }

    /// `POST /api/instances/{name}/lookup-misses`: the drop-down values no lookup maps (SPEC
    /// §10), counted over what a dry-run with the same body maps.
    ///
    /// Body `{"mapper": "<yaml>"?, "payloads": [...]?}` as for the dry-run. Answers
    /// `{"misses": [{"field", "value", "count"}], "mapped": N}`, most seen first; `mapped`
    /// counts the outcomes looked at.
    func lookupMisses(instance name: String, request: Request) async throws -> Response {
        let body = try await AdminBody(request, limits: configuration.limits, allowed: Self.lookupMissesKeys)
        let outcomes = try await mapWithoutStoring(instance: name, body: body, explain: true)
        var misses = LookupMisses()
        for (_, outcome) in outcomes { misses.add(trace: outcome.trace) }
        return Response.json(["misses": misses.json, "mapped": .number(.int(outcomes.count))])
    }

    /// The keys `POST /api/instances/{name}/lookup-misses` takes.
    static let lookupMissesKeys = ["mapper", "payloads"]

    /// Maps the body's payloads, or the instance's stored samples, with the body's mapper or
    /// the instance's chain; nothing is stored. Each outcome comes with its `source`.
    private func mapWithoutStoring(
        instance name: String, body: AdminBody, explain: Bool
    ) async throws -> [(source: String, outcome: MappingOutcome)] {
        let runtime = try runtime(name)
        var chain = runtime.chain
        if let text = try body.string("mapper") {
            chain = try Self.compile(mapper: text, like: runtime, steps: service.steps)
        }
        var outcomes: [(source: String, outcome: MappingOutcome)] = []
        if let payloads = try body.array("payloads") {
            guard payloads.count <= configuration.limits.maxPayloadsPerRequest else {
                throw IngestError(
                    .badRequest,
                    "payloads holds \(payloads.count) payloads; the limit is \(configuration.limits.maxPayloadsPerRequest) "
                        + "(limits.max_payloads_per_request).")
            }
            let mapping = MappingRequest(headers: [], receivedAt: service.now(), explain: explain)
            for (index, payload) in payloads.enumerated() {
                outcomes += chain.map(payload, request: mapping).map { (source: "payloads#\(index)", outcome: $0) }
            }
        } else {
            let samples = try await AdminResponse.store(logger) {
                try await store.samples(instance: runtime.name, limit: Self.dryRunSampleLimit)
            }
            for sample in samples {
                outcomes += try Self.map(sample, with: chain, explain: explain)
            }
        }
        return outcomes
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
    static func map(
        _ sample: StoredSample, with chain: MappingChain, explain: Bool
    ) throws(IngestError) -> [(source: String, outcome: MappingOutcome)] {
        let source = "sample:\(sample.id)"
        let payload: JSON
        do { payload = try JSON.parse(sample.payloadText) } catch {
            // The store keeps only text that parsed when it arrived: a damaged row.
            throw IngestError(.internalServerError, "Stored sample \(sample.id) is not valid JSON.")
        }
        let mapping = MappingRequest(headers: HTTPHeader.list(storedJSON: sample.headersText), receivedAt: sample.received, explain: explain)
        return chain.map(payload, request: mapping).map { (source: source, outcome: $0) }
    }
}
