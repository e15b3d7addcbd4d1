import Logging
import Transforms

/// Reloads the mappers folder (mappers, incident types, plugins) of a running listener: on
/// `SIGHUP`, on `POST /api/reload` and, with `--watch`, when a file of the folder changes
/// (SPEC §12 "Reload").
///
/// A reload compiles the folder and every instance's chain exactly as `intake serve` does at
/// start and `intake check` does; anything that would make `intake check` exit 2 keeps the
/// running chains, and says why in the log, on `/metrics` and in the API answer. The
/// configuration file itself is not read again: instances, auth and ports need a restart.
actor MapperReloader {
    let configuration: IntakeConfiguration
    let environment: IntakeEnvironment
    let live: LiveInstances

    init(configuration: IntakeConfiguration, environment: IntakeEnvironment, live: LiveInstances) {
        self.configuration = configuration
        self.environment = environment
        self.live = live
    }

    /// What one reload did.
    enum Outcome: Sendable {
        /// The new chains are in force.
        case reloaded(Reloaded)
        /// The running chains (of `generation`) are kept; `errors` are `file:line:column: message`.
        case failed(generation: Int, errors: [String])
    }

    /// A reload that put new chains in force.
    struct Reloaded: Sendable {
        var generation: Int
        /// Each instance's chain: its mapper names, by instance.
        var chains: [String: [String]]
        var incidentTypes: Int
        /// What `intake check` warns about in the new chains.
        var warnings: [String]
    }

    /// Compiles the folder and the chains; swaps them in when everything compiles.
    ///
    /// Reloads run one at a time (the actor), so two triggers at once compile twice in turn
    /// rather than race to swap.
    ///
    /// - Parameter trigger: what asked for it (`SIGHUP`, `api`, `watch`), for the log.
    func reload(trigger: String) -> Outcome {
        let logger = environment.logger
        let outcome = compile()
        switch outcome {
        case .failed(let generation, let errors):
            IntakeMetrics.recordReload(succeeded: false, generation: generation)
            logger.error(
                "reload failed; the running mappers are kept",
                metadata: ["trigger": "\(trigger)", "generation": "\(generation)", "errors": "\(errors.joined(separator: "; "))"])
        case .reloaded(let reloaded):
            IntakeMetrics.recordReload(succeeded: true, generation: reloaded.generation)
            let chains = reloaded.chains.keys.sorted().map { "\($0): [\(reloaded.chains[$0, default: []].joined(separator: ", "))]" }
            logger.info(
                "mappers reloaded",
                metadata: [
                    "trigger": "\(trigger)", "generation": "\(reloaded.generation)", "warnings": "\(reloaded.warnings.count)",
                    "chains": "\(chains.joined(separator: "; "))",
                ])
            for warning in reloaded.warnings { logger.warning("\(warning)") }
        }
        return outcome
    }

    private func compile() -> Outcome {
        let running = live.current.number
        let compiled: CompiledMappers
        do {
            compiled = try environment.mappers(configuration.mapperSource)
        } catch {
            return .failed(generation: running, errors: Self.lines(error.message))
        }
        var chains: [String: MappingChain] = [:]
        var names: [String: [String]] = [:]
        var errors: [String] = []
        for instance in configuration.instances {
            do {
                let built = try environment.chain(for: instance, in: compiled, toleratesMissing: configuration.isEmbeddedDefault)
                chains[instance.name] = built.chain
                names[instance.name] = built.mapperNames
            } catch {
                errors += Self.lines("\(error)").map { "instance '\(instance.name)': \($0)" }
            }
        }
        guard errors.isEmpty else { return .failed(generation: running, errors: errors) }
        var warnings: [String] = []
        for chain in chains.values {
            for warning in MapperLint.warnings(for: chain) where !warnings.contains(warning) { warnings.append(warning) }
        }
        let generation = live.replace(chains: chains, steps: compiled.steps)
        return .reloaded(
            Reloaded(
                generation: generation.number, chains: names, incidentTypes: compiled.catalog.types.names.count, warnings: warnings))
    }

    private static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
    }
}

extension MapperReloader.Reloaded {
    /// The `200` answer of `POST /api/reload` (docs/openapi.yaml `ReloadResult`).
    var json: JSON {
        var instances = JSONObject()
        for name in chains.keys.sorted() { instances[name] = .array(chains[name, default: []].map(JSON.string)) }
        return [
            "status": "reloaded", "generation": .number(.int(generation)), "instances": .object(instances),
            "incident_types": .number(.int(incidentTypes)), "warnings": .array(warnings.map(JSON.string)),
        ]
    }
}
