/// A typed incident as a mapper produced it, before the store gives it an id.
public struct Incident: Sendable, Equatable {
    public var type: String
    public var name: String?
    public var occurred: Instant
    /// 0 unknown, 1 low, 2 medium, 3 high, 4 critical; always present (SEMANTICS S120).
    public var severity: Int
    public var details: String?
    /// The typed fields by name (printed sorted by code point).
    public var fields: [String: JSON]
    /// The mapper used; `nil` for the default mapping.
    public var mapper: MapperIdentity?
    public var dedupKey: String?

    public init(
        type: String, name: String? = nil, occurred: Instant, severity: Int = 0, details: String? = nil,
        fields: [String: JSON] = [:], mapper: MapperIdentity? = nil, dedupKey: String? = nil
    ) {
        self.type = type
        self.name = name
        self.occurred = occurred
        self.severity = severity
        self.details = details
        self.fields = fields
        self.mapper = mapper
        self.dedupKey = dedupKey
    }
}

/// Which mapper made an incident: stored with it (with a hash of the mapper's text, which the
/// host computes) so that incidents of a changed mapper can be told apart.
public struct MapperIdentity: Sendable, Equatable, Hashable {
    public var name: String
    public var version: Int

    public init(name: String, version: Int) {
        self.name = name
        self.version = version
    }
}
