/// What mapping one payload (or one `for_each` item) gave: an incident, or the errors that
/// send it to quarantine.
public struct MappingOutcome: Sendable {
    public enum Result: Sendable {
        case mapped(Incident)
        /// Every error of the payload or item (SEMANTICS S11, S17), never empty.
        case quarantined(errors: [String])
    }

    /// The `for_each` node's 0-based index; `nil` without `for_each`, and for a payload
    /// quarantined as a whole.
    public var item: Int?
    public var result: Result
    /// The mapper that applied; `nil` when none did (the payload was unmatched).
    public var mapper: MapperIdentity?
    /// The raw payload to store when it is not the payload as received: the default mapping's
    /// `$.rawJson` / `$.raw_json` (SPEC §4).
    public var raw: JSON?
    /// With explaining on: per field, the steps with their inputs, outputs and details.
    public var trace: JSON?
    /// No mapper of the chain took the payload (SPEC §12 `on_unmatched`): the outcome is the
    /// default mapping's, or the `no mapper matched` quarantine.
    public var isUnmatched = false

    public init(item: Int? = nil, result: Result, mapper: MapperIdentity? = nil, raw: JSON? = nil, trace: JSON? = nil) {
        self.item = item
        self.result = result
        self.mapper = mapper
        self.raw = raw
        self.trace = trace
    }
}
