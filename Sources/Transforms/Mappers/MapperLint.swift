/// Load-time reasoning about a chain (SPEC §10 "Load-time checking"): what `intake check`
/// warns about before a single payload arrives.
public enum MapperLint {
    /// Warnings, each `file:line:column: message`.
    public static func warnings(for chain: MappingChain) -> [String] {
        var warnings: [String] = []
        for mapper in chain.mappers {
            let candidates = typeCandidates(of: mapper, defaultType: chain.defaultType)
            for candidate in candidates where !chain.types.declares(candidate.name) {
                let mark = candidate.mark ?? SourceMark(file: mapper.file, line: 1, column: 1)
                let hint = hint(for: candidate.name, among: chain.types.names)
                warnings.append("\(mark): type: '\(candidate.name)' can be selected but names no declared incident type\(hint); declare it in an incident_types file or fix the name")
            }
            let declared = candidates.map(\.name).compactMap(chain.types.type(named:))
            for field in mapper.fields where BuiltInField(rawValue: field.name) == nil {
                let isDeclared = declared.contains { type in type.fields.contains { $0.name == field.name } }
                if !isDeclared {
                    let known = BuiltInField.allCases.map(\.rawValue) + declared.flatMap { $0.fields.map(\.name) }
                    let hint = hint(for: field.name, among: known)
                    warnings.append("\(field.mark): fields.\(field.name): no incident type this mapper can select declares '\(field.name)'\(hint); it is kept as JSON")
                }
            }
            warnings += fieldReferenceWarnings(for: mapper)
            let mapped = Set(mapper.fields.map(\.name))
            for type in declared {
                for (fieldName, spec) in type.fields where spec.required && !mapped.contains(fieldName) {
                    warnings.append("\(SourceMark(file: mapper.file, line: 1, column: 1)): mapper '\(mapper.name)' can select '\(type.name)', whose required field '\(fieldName)' no pipeline produces: such payloads will be quarantined")
                }
            }
        }
        return warnings
    }

    /// The type names a mapper can select: its constant, or the literals its `type:` pipeline
    /// can produce (lookup table values, `default` and `value` literals), plus the instance's
    /// type which a pipeline with no value falls back to.
    ///
    /// Each name keeps the mark of the literal that produces it (the lookup entry's value, the
    /// `default`), so a warning points at the text to fix rather than at `type:`.
    static func typeCandidates(of mapper: Mapper, defaultType: String) -> [(name: String, mark: SourceMark?)] {
        switch mapper.type {
        case .instanceDefault: return [(defaultType, nil)]
        case .constant(let name, let mark): return [(name, mark)]
        case .pipeline(_, let mark):
            var names: [(name: String, mark: SourceMark?)] = []
            if let node = mapper.typeNode { collectLiterals(node, into: &names) }
            if !names.contains(where: { $0.name == defaultType }) { names.append((defaultType, mark)) }
            return names
        }
    }

    private static func collectLiterals(_ node: YAMLNode, into names: inout [(name: String, mark: SourceMark?)]) {
        switch node.content {
        case .scalar: return
        case .sequence(let elements): for element in elements { collectLiterals(element, into: &names) }
        case .mapping(let members):
            for member in members {
                switch member.key {
                case "lookup":
                    let table = member.value["table"] ?? member.value
                    if case .mapping(let entries) = table.content {
                        for entry in entries { appendString(entry.value, to: &names) }
                    }
                    if let fallback = member.value["default"] { appendString(fallback, to: &names) }
                case "default", "value":
                    appendString(member.value, to: &names)
                default:
                    collectLiterals(member.value, into: &names)
                }
            }
        }
    }

    private static func appendString(_ node: YAMLNode, to names: inout [(name: String, mark: SourceMark?)]) {
        if case .scalar(.string(let name), _, _) = node.content, !names.contains(where: { $0.name == name }) {
            names.append((name, node.mark))
        }
    }
}
