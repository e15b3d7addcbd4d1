/// Which mappers of a chain a set of payloads reaches (SPEC §10 "Per-rule health"): per
/// mapper, how many payloads its `when` accepts and how many it takes, being the first of
/// the chain to accept them.
///
/// A mapper no payload reaches is either dead (`when` never holds: a renamed form field, a
/// typo in a header name) or shadowed (it would accept some, but an earlier mapper always
/// takes them first: an order mistake in the chain). Both stay silent at run time, since the
/// payloads still map, which is why `intake check --samples` and the playground report them.
public struct ChainCoverage: Sendable {
    /// One mapper's counts, in chain order.
    public struct Entry: Sendable {
        public var name: String
        public var file: String
        /// Payloads whose `when` holds (or has no `when`), whichever mapper took them.
        public var accepted = 0
        /// Payloads this mapper took, as the first of the chain to accept them.
        public var taken = 0
        /// For payloads it accepted but did not take: which earlier mapper did, and how often.
        public var takenFirstBy: [String: Int] = [:]

        /// Accepts payloads, but an earlier mapper takes every one of them.
        public var isShadowed: Bool { accepted > 0 && taken == 0 }
    }

    public private(set) var entries: [Entry]
    /// Payloads added.
    public private(set) var payloads = 0
    private let chain: MappingChain

    public init(chain: MappingChain) {
        self.chain = chain
        entries = chain.mappers.map { Entry(name: $0.name, file: $0.file) }
    }

    /// Counts one payload. A `when` that fails to evaluate counts as accepting, as in
    /// ``MappingChain/map(_:request:)``, where that mapper's error quarantines the payload.
    public mutating func add(_ payload: JSON) {
        payloads += 1
        var first: Int?
        for (index, mapper) in chain.mappers.enumerated() {
            let accepts = (try? mapper.accepts(payload)) ?? true
            guard accepts else { continue }
            entries[index].accepted += 1
            if let first {
                entries[index].takenFirstBy[chain.mappers[first].name, default: 0] += 1
            } else {
                first = index
                entries[index].taken += 1
            }
        }
    }

    /// Mappers no payload satisfies; empty before any payload is added.
    public var neverMatched: [Entry] { payloads == 0 ? [] : entries.filter { $0.accepted == 0 } }

    /// Mappers whose every accepted payload an earlier mapper took.
    public var shadowed: [Entry] { entries.filter(\.isShadowed) }
}

extension Mapper {
    /// Whether this mapper takes `payload` when the chain reaches it: no `when`, or a `when`
    /// that holds on the payload (SEMANTICS S11).
    public func accepts(_ payload: JSON) throws(StepError) -> Bool {
        guard let when else { return true }
        return try when.holds(subject: payload, payload: payload)
    }
}
