import ArgumentParser
import Transforms

/// `intake dry-run`: maps payload files or stored samples without storing anything (SPEC §9,
/// SEMANTICS S130–S132), and with `--compare` shows what a candidate mappers folder changes.
struct DryRunCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "dry-run",
        abstract: "Map payloads without storing them and print what would be stored.",
        discussion: """
            Exit status: 0 every payload mapped, 1 some quarantined (with --compare: under the \
            candidate), 2 a usage, configuration, mapper or payload-file error.
            """)

    @Option(help: "The folder of mapper and incident-type files (default: the configuration's, else ./mappers).")
    var mappers: String?

    @Option(name: .customLong("mapper"), help: "A mapper name in the folder, or a mapper file; repeat for a chain.")
    var mapperReferences: [String] = []

    @Option(help: "Use this configured instance's chain and incident type.")
    var instance: String?

    @OptionGroup var options: ConfigurationOptions

    @Option(name: .customLong("default-type"), help: "The instance's incident type (default: the instance's, else Unclassified).")
    var defaultType: String?

    @Option(name: .customLong("received-at"), help: "The time received, RFC 3339 (default: now; a stored sample's own time).")
    var receivedAt: String?

    @Option(name: .customLong("header"), help: "A request header \"Name: value\" for header steps; repeatable.")
    var headers: [String] = []

    @Flag(help: "Add a trace of every step to each element.")
    var explain = false

    @Flag(help: "Map the instance's stored samples (newest first) instead of payload files.")
    var stored = false

    @Option(help: "With --stored: only the N most recent samples.")
    var last: Int?

    @Option(help: "A candidate mappers folder: print what its versions of the chain's mappers would change.")
    var compare: String?

    @Argument(help: "Payload files (a JSON array file is one payload per element); - reads one from standard input.")
    var payloads: [String] = []

    /// Usage mistakes exit 2 (S132), so they are checked in `run`, not ArgumentParser's
    /// `validate` (which exits 64).
    func checkUsage() throws {
        if instance != nil, !mapperReferences.isEmpty {
            throw CLIFailure.usage("dry-run: give either --instance or --mapper, not both")
        }
        if stored, instance == nil { throw CLIFailure.usage("dry-run: --stored maps an instance's samples: give --instance NAME") }
        if stored, !payloads.isEmpty { throw CLIFailure.usage("dry-run: give either payload files or --stored, not both") }
        if !stored, payloads.isEmpty { throw CLIFailure.usage("dry-run: give at least one payload file, or --stored with --instance") }
        if let last {
            guard stored else { throw CLIFailure.usage("dry-run: --last applies to --stored") }
            guard last >= 1 else { throw CLIFailure.usage("dry-run: --last must be at least 1") }
        }
    }

    func run(in environment: IntakeEnvironment) async throws {
        try CLIFailure.exit(
            await CLIFailure.reportingAsync {
                try checkUsage()
                let setup = try DryRunSetup(self, environment: environment)
                let candidate = try compare.map { try setup.candidateChain(folder: $0) }
                let inputs: [DryRunPayload]
                if stored, let configuration = setup.configuration, let instance {
                    let samples = try await environment.withStore(configuration) {
                        try await $0.samples(instance: instance, limit: last ?? Int(Int32.max))
                    }
                    let fixedTime = try receivedAt.map { try Instant.parseOption($0) }
                    inputs = samples.map { setup.plan.payload(sample: $0, receivedAt: fixedTime) }
                } else {
                    inputs = try payloads.flatMap { try setup.plan.payloads(file: $0, source: $0) }
                }
                if let candidate {
                    var comparison = DryRunComparison()
                    for input in inputs {
                        var request = input.request
                        request.explain = true
                        comparison.add(
                            source: input.source, before: setup.plan.chain.map(input.value, request: request),
                            after: candidate.map(input.value, request: request))
                    }
                    StoredJSON.print(comparison.json)
                    return comparison.quarantinedAfter > 0 ? 1 : 0
                }
                let elements = DryRunActions(
                    actions: setup.configuration?.actions ?? [], instance: instance, receivedAt: setup.plan.request.receivedAt
                ).annotate(inputs.flatMap { $0.elements(with: setup.plan.chain) })
                StoredJSON.print(.array(elements))
                return elements.contains { $0.objectValue?["status"] == "quarantined" } ? 1 : 0
            })
    }
}

/// What a dry-run maps with, resolved from its options: the configuration (when one is
/// read), the mappers folder, and the plan (chain and request).
struct DryRunSetup {
    var environment: IntakeEnvironment
    var configuration: IntakeConfiguration?
    var plan: DryRunPlan

    init(_ command: DryRunCommand, environment: IntakeEnvironment) throws {
        self.environment = environment
        if command.options.config != nil || command.instance != nil {
            configuration = try CLIConfiguration.load(command.options.config)
        }
        let directory = command.mappers ?? configuration?.mappers
        let receivedAt = try Instant.parseOption(command.receivedAt)
        let headers = try parseHeaderOptions(command.headers)
        if let name = command.instance, let configuration {
            var instance = try CLIConfiguration.instance(name, in: configuration)
            if let type = command.defaultType { instance.incidentType = type }
            let resolved = try environment.commandChain(
                for: instance, source: configuration.mapperSource(overriddenBy: command.mappers))
            plan = DryRunPlan(
                chain: resolved.chain, request: MappingRequest(headers: headers, receivedAt: receivedAt, explain: command.explain))
        } else {
            plan = try DryRunPlan.make(
                in: environment, mappersDirectory: directory,
                mapperReferences: command.mapperReferences.isEmpty ? nil : command.mapperReferences,
                defaultType: command.defaultType ?? "Unclassified", receivedAt: receivedAt, headers: headers,
                explain: command.explain)
        }
    }

    /// Today's chain with each mapper replaced by its version in `folder` when it has one
    /// (a name `folder` lacks keeps today's); the folder's incident types replace today's of
    /// the same name.
    func candidateChain(folder: String) throws -> MappingChain {
        let candidates = try environment.mappers(MapperSource(directory: folder, plugins: configuration?.plugins ?? PluginsConfiguration())).catalog
        let today = plan.chain
        var types = today.types
        for name in candidates.types.names {
            if let type = candidates.types.type(named: name) { types.add(type) }
        }
        let mappers = today.mappers.map { candidates.mapper(named: $0.name) ?? $0 }
        do {
            return try MappingChain(mappers: mappers, types: types, defaultType: today.defaultType)
        } catch {
            throw CLIFailure(message: "\(error)", exitCode: 2)
        }
    }
}
