/// A named schema of typed fields (SPEC §7), as a types file declares it.
public struct IncidentType: Sendable {
    public var name: String
    /// The declared fields in file order.
    public var fields: [(name: String, spec: FieldSpec)]
    public var mark: SourceMark

    public init(name: String, fields: [(name: String, spec: FieldSpec)] = [], mark: SourceMark) {
        self.name = name
        self.fields = fields
        self.mark = mark
    }

    public func spec(of field: String) -> FieldSpec? {
        fields.first { $0.name == field }?.spec
    }
}

/// One declared field: its kind and whether a payload without it is quarantined (S74).
public struct FieldSpec: Sendable {
    public var kind: FieldKind
    public var required: Bool
    public var mark: SourceMark

    public init(kind: FieldKind, required: Bool = false, mark: SourceMark) {
        self.kind = kind
        self.required = required
        self.mark = mark
    }
}
