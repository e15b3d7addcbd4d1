import NIOConcurrencyHelpers
import Transforms

/// The instances, mappers and actions in force, replaced whole by a reload (SPEC §12 "Reload").
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
        /// The configuration in force: the file as last reloaded, with the settings that need
        /// a restart (listen, storage, folders, admin, limits, instance ports) as the process
        /// started with them.
        var configuration: IntakeConfiguration
    }

    private let box: NIOLockedValueBox<Generation>

    init(_ first: Generation) {
        box = NIOLockedValueBox(first)
    }

    /// The generation in force now.
    var current: Generation { box.withLockedValue { $0 } }

    /// Puts a reload's instances, steps and configuration in force as the next generation.
    ///
    /// - Parameter next: builds the new set from the one in force, under the lock, so two
    ///   reloads never build on the same generation.
    /// - Returns: the generation now in force.
    @discardableResult
    func replace(_ next: (Generation) -> Generation) -> Generation {
        box.withLockedValue { generation in
            var made = next(generation)
            made.number = generation.number + 1
            generation = made
            return generation
        }
    }
}
