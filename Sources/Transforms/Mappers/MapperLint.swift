/// Load-time reasoning about a chain (SPEC §10 "Load-time checking"): what `intake check`
/// warns about before a single payload arrives.
///
/// It asks the compiled mappers (`Pipeline.literals`, `Pipeline.fieldsRead`, which each step
/// answers through `Step.references`) and reads no YAML, so it reasons about exactly what the
/// engine runs.
public enum MapperLint {
    /// Warnings, each `file:line:column: message`.
    public static func warnings(for chain: MappingChain) -> [String] {
        chain.mappers.flatMap { mapper in
            typeWarnings(for: mapper, in: chain) + fieldReadWarnings(for: mapper)
        }
    }

    /// Selectable type names no file declares, mapped fields no selectable type declares, and
    /// required fields no pipeline produces.
    static func typeWarnings(for mapper: Mapper, in chain: MappingChain) -> [String] {
        var warnings: [String] = []
        let candidates = typeCandidates(of: mapper, defaultType: chain.defaultType)
        for candidate in candidates where !chain.types.declares(candidate.name) {
            let mark = candidate.mark ?? SourceMark(file: mapper.file, line: 1, column: 1)
            let hint = hint(for: candidate.name, among: chain.types.names)
            warnings.append(
                "\(mark): type: '\(candidate.name)' can be selected but names no declared incident type\(hint); declare it in an incident_types file or fix the name"
            )
        }
        let declared = candidates.map(\.name).compactMap(chain.types.type(named:))
        for field in mapper.fields where BuiltInField(rawValue: field.name) == nil {
            let isDeclared = declared.contains { type in type.fields.contains { $0.name == field.name } }
            if !isDeclared {
                let known = BuiltInField.allCases.map(\.rawValue) + declared.flatMap { $0.fields.map(\.name) }
                warnings.append(
                    "\(field.mark): fields.\(field.name): no incident type this mapper can select declares '\(field.name)'\(hint(for: field.name, among: known)); it is kept as JSON"
                )
            }
        }
        let mapped = Set(mapper.fields.map(\.name))
        for type in declared {
            for (fieldName, spec) in type.fields where spec.required && !mapped.contains(fieldName) {
                warnings.append(
                    "\(SourceMark(file: mapper.file, line: 1, column: 1)): mapper '\(mapper.name)' can select '\(type.name)', whose required field '\(fieldName)' no pipeline produces: such payloads will be quarantined"
                )
            }
        }
        return warnings
    }

    /// The type names a mapper can select: its constant, or the string literals its `type:`
    /// pipeline can output (lookup table values, `default` and `value` literals; a one-element
    /// list counts as its element, as the engine unwraps it), plus the instance's type which a
    /// pipeline with no value falls back to.
    ///
    /// Each name keeps the mark of the literal that produces it (the lookup entry's value, the
    /// `default`), so a warning points at the text to fix rather than at `type:`.
    static func typeCandidates(of mapper: Mapper, defaultType: String) -> [(name: String, mark: SourceMark?)] {
        switch mapper.type {
        case .instanceDefault: return [(defaultType, nil)]
        case .constant(let name, let mark): return [(name, mark)]
        case .pipeline(let pipeline, let mark):
            var names: [(name: String, mark: SourceMark?)] = []
            for literal in pipeline.literals {
                guard let name = literal.value.selectableTypeName, !names.contains(where: { $0.name == name }) else { continue }
                names.append((name, literal.mark))
            }
            if !names.contains(where: { $0.name == defaultType }) { names.append((defaultType, mark)) }
            return names
        }
    }

    /// Fields read by name (`{{ name }}`, `field: name`) where they can only be missing (S16):
    /// before the fields are mapped (`prepare`, `type`), before the field that reads them, or
    /// nowhere in the mapper.
    static func fieldReadWarnings(for mapper: Mapper) -> [String] {
        var warnings: [String] = []
        let early: [(place: String, pipeline: Pipeline?)] = [("prepare", mapper.prepare), ("type", mapper.type.pipeline)]
        for (place, pipeline) in early {
            for read in pipeline?.fieldsRead ?? [] {
                warnings.append(
                    "\(read.mark): \(place): reads field '\(read.name)', but \(place) runs before any field is mapped, so it is always missing; read the payload with a path instead"
                )
            }
        }
        let names = mapper.fields.map(\.name)
        for (index, field) in mapper.fields.enumerated() {
            for read in field.pipeline.fieldsRead where !names[..<index].contains(read.name) {
                if names[index...].contains(read.name) {
                    warnings.append(
                        "\(read.mark): fields.\(field.name): reads field '\(read.name)', which is not mapped before it (fields map in file order), so it is always missing; move fields.\(read.name) above fields.\(field.name)"
                    )
                } else {
                    warnings.append(unmapped(read, place: "fields.\(field.name)", names: names))
                }
            }
        }
        for read in mapper.dedup?.fieldsRead ?? [] where !names.contains(read.name) {
            warnings.append(unmapped(read, place: "dedup", names: names))
        }
        return warnings
    }

    private static func unmapped(_ read: (name: String, mark: SourceMark), place: String, names: [String]) -> String {
        "\(read.mark): \(place): reads field '\(read.name)', which this mapper does not map, so it is always missing\(hint(for: read.name, among: names)); map it or fix the name"
    }
}

extension TypeSelection {
    /// The `type:` pipeline, if the type is selected by one.
    var pipeline: Pipeline? {
        guard case .pipeline(let pipeline, _) = self else { return nil }
        return pipeline
    }
}

extension JSON {
    /// The type name this value selects as a `type:` result: a string, or a one-element list of
    /// one, which the engine unwraps once (S75).
    fileprivate var selectableTypeName: String? {
        switch self {
        case .string(let name): name
        case .array(let elements) where elements.count == 1:
            if case .string(let name) = elements[0] { name } else { nil }
        default: nil
        }
    }
}
