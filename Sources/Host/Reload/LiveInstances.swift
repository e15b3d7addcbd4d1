import NIOConcurrencyHelpers
import Transforms

/// The instances with the mappers in force, replaced whole by a reload (SPEC §12 "Reload").
///
/// A request takes one snapshot when it is admitted and maps with it to the end, so a reload
/// never changes the chain under a request in flight, and no request waits for a reload: the
/// lock is held only to copy or swap the snapshot, never while mappers compile.
final class LiveInstances: Sendable {
    /// One set of compiled chains: what the listener started with, or what a reload made.
    struct Generation: Sendable {
        var instances: [String: InstanceRuntime]
        /// The steps the chains were compiled with (plugins included), for admin dry-runs.
        var steps: StepRegistry
        /// 1 for the set the listener started with, then one more per successful reload.
        var number: Int
    }

    private let box: NIOLockedValueBox<Generation>

    init(_ first: Generation) {
        box = NIOLockedValueBox(first)
    }

    /// The generation in force now.
    var current: Generation { box.withLockedValue { $0 } }

    /// Puts new chains in force, keeping each instance's authenticator, signature memory,
    /// refusals and quarantine budget: a reload changes how payloads map, not who may send.
    ///
    /// - Parameter chains: one chain per configured instance, by name.
    /// - Returns: the generation now in force.
    @discardableResult
    func replace(chains: [String: MappingChain], steps: StepRegistry) -> Generation {
        box.withLockedValue { generation in
            var instances = generation.instances
            for (name, runtime) in instances {
                if let chain = chains[name] { instances[name] = runtime.mapping(with: chain) }
            }
            generation = Generation(instances: instances, steps: steps, number: generation.number + 1)
            return generation
        }
    }
}
