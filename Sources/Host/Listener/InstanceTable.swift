import NIOConcurrencyHelpers
import Transforms

/// The instances the listener serves, shared by every copy of the ingestion service so that a
/// mapper saved through the admin API is what the next request maps with.
///
/// A request reads the table once and keeps that runtime to its end, so a swap never mixes
/// two chains within one payload.
final class InstanceTable: Sendable {
    private let runtimes: NIOLockedValueBox<[String: InstanceRuntime]>

    init(_ runtimes: [String: InstanceRuntime]) {
        self.runtimes = NIOLockedValueBox(runtimes)
    }

    /// The instances as they are now.
    var current: [String: InstanceRuntime] { runtimes.withLockedValue { $0 } }

    /// Replaces the chains of the named instances, keeping each one's authenticator,
    /// signature memory and quarantine budget.
    func replaceChains(_ chains: [String: MappingChain]) {
        runtimes.withLockedValue { runtimes in
            for (name, chain) in chains {
                runtimes[name]?.replaceChain(chain)
            }
        }
    }
}
