import Logging
import Transforms

/// Reloads a running listener: `intake.yaml`'s instances and actions, and the mappers folder
/// (mappers, incident types, plugins), on `SIGHUP`, on `POST /api/reload` and, with
/// `--watch`, when one of those files changes (SPEC §12 "Reload").
///
/// A reload reads the configuration file and compiles the folder and every instance's chain
/// exactly as `intake serve` does at start and `intake check` does; anything that would stop
/// a start keeps the running set, and says why in the log, on `/metrics` and in the API
/// answer. Settings that a running process cannot change (see `RestartSettings`) keep their
/// running values, and the answer and the log name the ones the file changed.
actor Reloader {
    let environment: IntakeEnvironment
    let live: LiveInstances
    /// The configuration the process started with: the file to read again, and the settings
    /// that need a restart.
    let started: IntakeConfiguration
    /// What `${NAME}` in the file reads.
    let variables: [String: String]

    init(configuration: IntakeConfiguration, environment: IntakeEnvironment, live: LiveInstances, variables: [String: String]) {
        self.started = configuration
        self.variables = variables
        self.environment = environment
        self.live = live
    }

    /// What one reload did.
    enum Outcome: Sendable {
        /// The new set is in force.
        case reloaded(Reloaded)
        /// The running set (of `generation`) is kept; `errors` are `file:line:column: message`.
        case failed(generation: Int, errors: [String])
    }

    /// A reload that put a new set in force.
    struct Reloaded: Sendable {
        var generation: Int
        /// Each instance's chain: its mapper names, by instance.
        var chains: [String: [String]]
        var incidentTypes: Int
        /// The actions in force, in configuration order.
        var actions: [String]
        /// The configuration file read, or `<embedded intake.yaml>` (nothing to read again).
        var source: String
        /// Settings the file changed that only a restart applies, e.g. `listen`.
        var restartNeeded: [String]
        /// What `intake check` warns about in the new chains.
        var warnings: [String]
    }

    /// Reads the configuration, compiles the folder and the chains; swaps them in when
    /// everything loads.
    ///
    /// Reloads run one at a time (the actor), so two triggers at once load twice in turn
    /// rather than race to swap.
    ///
    /// - Parameter trigger: what asked for it (`SIGHUP`, `api`, `watch`, `save`), for the log.
    func reload(trigger: String) -> Outcome {
        let logger = environment.logger
        let outcome = load()
        switch outcome {
        case .failed(let generation, let errors):
            IntakeMetrics.recordReload(succeeded: false, generation: generation)
            logger.error(
                "reload failed; the running configuration and mappers are kept",
                metadata: ["trigger": "\(trigger)", "generation": "\(generation)", "errors": "\(errors.joined(separator: "; "))"])
        case .reloaded(let reloaded):
            IntakeMetrics.recordReload(succeeded: true, generation: reloaded.generation)
            let chains = reloaded.chains.keys.sorted().map { "\($0): [\(reloaded.chains[$0, default: []].joined(separator: ", "))]" }
            logger.info(
                "configuration and mappers reloaded",
                metadata: [
                    "trigger": "\(trigger)", "generation": "\(reloaded.generation)", "warnings": "\(reloaded.warnings.count)",
                    "configuration": "\(reloaded.source)", "chains": "\(chains.joined(separator: "; "))",
                    "actions": "\(reloaded.actions.joined(separator: ", "))",
                ])
            if !reloaded.restartNeeded.isEmpty {
                logger.warning(
                    "changed settings that need a restart are not applied; the running ones are kept",
                    metadata: ["settings": "\(reloaded.restartNeeded.joined(separator: "; "))"])
            }
            for warning in reloaded.warnings { logger.warning("\(warning)") }
        }
        return outcome
    }

    private func load() -> Outcome {
        let running = live.current
        let read: IntakeConfiguration
        do {
            read = try readConfiguration()
        } catch {
            return .failed(generation: running.number, errors: error.errors.map(\.description))
        }
        let settings = RestartSettings(running: started, read: read)
        let configuration = settings.applied
        let compiled: CompiledMappers
        do {
            compiled = try environment.mappers(configuration.mapperSource)
        } catch {
            return .failed(generation: running.number, errors: Self.lines(error.message))
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
        if !configuration.isEmbeddedDefault {
            do {
                try CheckCommand.checkActionTypes(configuration.actions, types: compiled.catalog.types.names)
            } catch {
                errors += Self.lines(error.message)
            }
        }
        guard errors.isEmpty else { return .failed(generation: running.number, errors: errors) }
        var warnings: [String] = []
        for chain in chains.values {
            for warning in MapperLint.warnings(for: chain) where !warnings.contains(warning) { warnings.append(warning) }
        }
        let generation = live.replace { current in
            var instances: [String: InstanceRuntime] = [:]
            for instance in configuration.instances {
                guard let chain = chains[instance.name] else { continue }
                instances[instance.name] =
                    current.instances[instance.name].map {
                        $0.reloaded(as: instance, chain: chain, limits: configuration.limits, actions: configuration.actions)
                    } ?? InstanceRuntime(instance, chain: chain, limits: configuration.limits, actions: configuration.actions)
            }
            return LiveInstances.Generation(
                instances: instances, steps: compiled.steps, number: current.number, configuration: configuration)
        }
        return .reloaded(
            Reloaded(
                generation: generation.number, chains: names, incidentTypes: compiled.catalog.types.names.count,
                actions: configuration.actions.map(\.name), source: configuration.source, restartNeeded: settings.changed,
                warnings: warnings))
    }

    /// The configuration file as it is now; the embedded default has none to read again.
    private func readConfiguration() throws(SourceErrors) -> IntakeConfiguration {
        guard !started.isEmbeddedDefault else { return started }
        return try IntakeConfiguration.load(contentsOf: started.source, environment: variables, resolvingSecrets: true)
    }

    private static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init)
    }
}

extension Reloader.Reloaded {
    /// The `200` answer of `POST /api/reload` (docs/openapi.yaml `ReloadResult`).
    var json: JSON {
        var instances = JSONObject()
        for name in chains.keys.sorted() { instances[name] = .array(chains[name, default: []].map(JSON.string)) }
        return [
            "status": "reloaded", "generation": .number(.int(generation)), "configuration": .string(source),
            "instances": .object(instances), "actions": .array(actions.map(JSON.string)),
            "incident_types": .number(.int(incidentTypes)), "restart_needed": .array(restartNeeded.map(JSON.string)),
            "warnings": .array(warnings.map(JSON.string)),
        ]
    }
}
