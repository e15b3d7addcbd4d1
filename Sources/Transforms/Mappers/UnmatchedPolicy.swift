/// What a chain does with a payload no mapper's `when` takes (SPEC §12 "Unmatched payloads").
///
/// The host's third choice, `reject`, is `quarantine` to the engine: the listener refuses the
/// request when an outcome says `isUnmatched`, so a dry-run of a rejecting instance shows the
/// same `no mapper matched` error the sender's `422` carries.
public enum UnmatchedPolicy: Sendable, Equatable {
    /// The reference product's default mapping (SPEC §4, SEMANTICS S90).
    case defaultMapping
    /// A quarantined outcome whose one error starts `no mapper matched`.
    case quarantine
}

extension MappingChain {
    /// The outcome for a payload no mapper of the chain takes, by `onUnmatched`.
    func unmatched(_ payload: JSON, request: MappingRequest) -> MappingOutcome {
        var outcome: MappingOutcome
        switch onUnmatched {
        case .defaultMapping:
            outcome = DefaultMapping.map(payload, chain: self, request: request)
        case .quarantine:
            let tried = mappers.isEmpty ? "the chain has no mapper" : "tried \(mappers.map(\.name).joined(separator: ", "))"
            let message = "no mapper matched (\(tried))"
            outcome = MappingOutcome(
                result: .quarantined(errors: [message]),
                trace: request.explain ? ["mapper": .null, "error": .string(message)] : nil)
        }
        outcome.isUnmatched = true
        return outcome
    }
}
