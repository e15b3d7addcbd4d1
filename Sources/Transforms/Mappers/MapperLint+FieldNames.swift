/// `intake check`'s warnings about names that silently give no value (SPEC §12 "Dedup
/// templates"): a `{{ NAME }}` or `field: NAME` that names no field of its mapper, or a field
/// mapped only later; a type a lookup can select that no types file declares; a field no type
/// declares. Each warning offers the closest name the mapper or types file does have.
extension MapperLint {
    /// Warnings for `{{ NAME }}` and `field: NAME` references in `mapper`, in file order.
    ///
    /// `type:` runs before any field and `dedup` after all of them (S16, S76), so a field
    /// pipeline sees the fields above it, `type:` none and `dedup` every one.
    static func fieldReferenceWarnings(for mapper: Mapper) -> [String] {
        let fieldNames = mapper.fields.map(\.name)
        var warnings: [String] = []
        func check(_ pipeline: Pipeline, place: String, mappedBefore: ArraySlice<String>) {
            for reference in pipeline.fieldReferences {
                let name = reference.name
                if mappedBefore.contains(name) { continue }
                if fieldNames.contains(name) {
                    let order = place == "type" ? "type: runs before every field" : "'\(name)' is mapped after \(place)"
                    warnings.append(
                        "\(reference.mark): \(place): \(reference.written) has no value here (\(order)); move the field above it or use a $. path")
                } else {
                    let hint = suggestion(for: name, among: fieldNames + ["type"]).map { " (did you mean '\($0)'?)" } ?? ""
                    warnings.append(
                        "\(reference.mark): \(place): \(reference.written) names no field of mapper '\(mapper.name)'\(hint); it always has no value")
                }
            }
        }
        if case .pipeline(let pipeline, _) = mapper.type { check(pipeline, place: "type", mappedBefore: []) }
        for (index, field) in mapper.fields.enumerated() {
            check(field.pipeline, place: "fields.\(field.name)", mappedBefore: fieldNames[..<index])
        }
        if let dedup = mapper.dedup { check(dedup, place: "dedup", mappedBefore: fieldNames[...]) }
        return warnings
    }

    /// The closest of `candidates` to `name` (case ignored), when close enough to be a typo:
    /// `reportr` → `reporter`, `Phising` → `Phishing`, `occured` → `occurred`.
    static func suggestion(for name: String, among candidates: [String]) -> String? {
        let lowered = name.lowercased()
        let scored = candidates.filter { $0 != name }.map { (candidate: $0, distance: editDistance($0.lowercased(), lowered)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= max(2, name.count / 3) else { return nil }
        return best.candidate
    }

    /// `" (did you mean 'X'?)"`, or `""` when nothing is close.
    static func hint(for name: String, among candidates: [String]) -> String {
        suggestion(for: name, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}

/// A field name a step reads: `{{ reporter }}` in a template, or `field: reporter`.
struct FieldReference {
    var name: String
    /// As the mapper writes it, for the warning.
    var written: String
    var mark: SourceMark
}

extension Pipeline {
    /// Every field name the pipeline's steps read, nested pipelines (`each`, `if`, `coalesce`)
    /// included, in order.
    var fieldReferences: [FieldReference] {
        entries.flatMap { entry -> [FieldReference] in
            switch entry.step {
            case let template as TemplateStep:
                return template.parts.compactMap { part in
                    guard case .field(let name) = part else { return nil }
                    return FieldReference(name: name, written: part.written, mark: template.mark)
                }
            case let field as FieldStep:
                return [FieldReference(name: field.field, written: "field: \(field.field)", mark: field.mark)]
            case let each as EachStep:
                return each.pipeline.fieldReferences
            case let coalesce as CoalesceStep:
                return coalesce.pipelines.flatMap(\.fieldReferences)
            case let branch as IfStep:
                return [branch.thenBranch, branch.elseBranch].compactMap { $0 }.flatMap(\.fieldReferences)
            default:
                return []
            }
        }
    }
}
