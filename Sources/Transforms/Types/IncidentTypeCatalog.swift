/// Every incident type of a mappers folder, by name (case-sensitive, SEMANTICS S9).
public struct IncidentTypeCatalog: Sendable {
    private var types: [String: IncidentType] = [:]
    /// Names in declaration order, for messages and `intake check`.
    public private(set) var names: [String] = []

    public init() {}

    public func type(named name: String) -> IncidentType? { types[name] }

    public func declares(_ name: String) -> Bool { types[name] != nil }

    public mutating func add(_ type: IncidentType) {
        if types[type.name] == nil { names.append(type.name) }
        types[type.name] = type
    }

    /// The catalog with `name` declared with no fields when no file declares it: the
    /// instance's `incident_type` (S9).
    public func declaringImplicitly(_ name: String) -> IncidentTypeCatalog {
        guard !declares(name) else { return self }
        var copy = self
        copy.add(IncidentType(name: name, mark: SourceMark(file: "(instance default)", line: 1, column: 1)))
        return copy
    }

    /// Adds the types of one `incident_types:` file.
    ///
    /// - Throws: every mistake of the file, and a type already declared in another file.
    public mutating func load(_ root: YAMLNode) throws(SourceErrors) {
        var errors: [SourceError] = []
        guard let typesNode = root["incident_types"] else {
            throw SourceErrors([SourceError(.invalidValue, "a types file has the single top-level key 'incident_types'", at: root.mark)])
        }
        if typesNode.isNull { return }
        guard case .mapping(let members) = typesNode.content else {
            throw SourceErrors([SourceError(.wrongShape, "incident_types: must be a map of type name to type", at: typesNode.mark)])
        }
        for member in members {
            if let existing = types[member.key] {
                errors.append(
                    SourceError(
                        .declaredTwice, "incident type '\(member.key)' is already declared at \(existing.mark)", at: member.keyMark))
                continue
            }
            do {
                add(try IncidentType(name: member.key, node: member.value, mark: member.keyMark))
            } catch {
                errors.append(contentsOf: error.errors)
            }
        }
        guard errors.isEmpty else { throw SourceErrors(errors) }
    }
}
