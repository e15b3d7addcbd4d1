/// One compiled mapper file (SPEC §6): everything needed to map a payload, with no YAML left.
public struct Mapper: Sendable {
    public var identity: MapperIdentity
    /// The file it was loaded from, and its text (the host stores a hash of it per incident).
    public var file: String
    public var sourceText: String
    public var when: Condition?
    /// `prepare` steps, each applied to the whole payload in turn (SEMANTICS S47).
    var prepare: Pipeline?
    public var forEach: JSONPath?
    public var type: TypeSelection
    public var dedup: Pipeline?
    public var fields: [MappedField]

    public var name: String { identity.name }
}

/// How a mapper chooses the incident type (SEMANTICS S75).
public enum TypeSelection: Sendable {
    /// No `type:` key: the instance's type.
    case instanceDefault
    /// `type: Phishing`.
    case constant(String, mark: SourceMark)
    /// `type: [ $.answer, { lookup: … }, { default: … } ]`.
    case pipeline(Pipeline, mark: SourceMark)
}

/// One entry of `fields:`, in file order.
public struct MappedField: Sendable {
    public var name: String
    public var pipeline: Pipeline
    public var mark: SourceMark
}
