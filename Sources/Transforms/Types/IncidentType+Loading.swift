extension IncidentType {
    /// Reads `Phishing: { fields: { reporter: { type: email, required: true }, urls: list<url> } }`.
    init(name: String, node: YAMLNode, mark: SourceMark) throws(SourceErrors) {
        var errors: [SourceError] = []
        var fields: [(name: String, spec: FieldSpec)] = []
        let place = "incident_types.\(name)"
        if !node.isNull {
            guard case .mapping(let members) = node.content else {
                throw SourceErrors([SourceError(.wrongShape, "\(place): must be a map with 'fields', or {}", at: node.mark)])
            }
            for member in members where member.key != "fields" {
                errors.append(SourceError(.unknownKey, "\(place): unknown key '\(member.key)'; a type has only 'fields'", at: member.keyMark))
            }
            if let fieldsNode = node["fields"], !fieldsNode.isNull {
                if case .mapping(let fieldMembers) = fieldsNode.content {
                    for field in fieldMembers {
                        do {
                            fields.append((field.key, try FieldSpec(field: field, place: "\(place).fields.\(field.key)")))
                        } catch {
                            errors.append(error)
                        }
                    }
                } else {
                    errors.append(SourceError(.wrongShape, "\(place).fields: must be a map of field name to type", at: fieldsNode.mark))
                }
            }
        }
        guard errors.isEmpty else { throw SourceErrors(errors) }
        self.init(name: name, fields: fields, mark: mark)
    }
}

extension FieldSpec {
    static let keys = ["type", "required", "values"]

    /// Reads `urls: list<url>` or `reporter: { type: email, required: true }` (S10: built-in
    /// fields and `type` cannot be declared).
    init(field: YAMLMember, place: String) throws(SourceError) {
        if BuiltInField(rawValue: field.key) != nil {
            throw SourceError(
                .invalidValue, "\(place): '\(field.key)' is a built-in field (name, occurred, severity, details) and cannot be declared",
                at: field.keyMark)
        }
        if field.key == "type" {
            throw SourceError(.invalidValue, "\(place): 'type' is the incident's type, not a field", at: field.keyMark)
        }
        let node = field.value
        switch node.content {
        case .scalar(.string(let name), _, _):
            guard let kind = FieldKind.parse(name, enumValues: nil) else {
                let hint = name.contains("enum") ? " (an enum needs {type: enum, values: [...]})" : ""
                throw SourceError(.unknownName, "\(place): unknown field type '\(name)'\(hint); known: \(FieldKind.knownNames)", at: node.mark)
            }
            self.init(kind: kind, mark: node.mark)
        case .mapping(let members):
            for member in members where !FieldSpec.keys.contains(member.key) {
                throw SourceError(.unknownKey, "\(place): unknown key '\(member.key)' (a field has type, required, values)", at: member.keyMark)
            }
            guard let typeNode = node["type"], case .scalar(.string(let name), _, _) = typeNode.content else {
                throw SourceError(.missingKey, "\(place): needs 'type:' (\(FieldKind.knownNames))", at: node.mark)
            }
            var values: [JSON]?
            if let valuesNode = node["values"] {
                guard case .sequence(let elements) = valuesNode.content, !elements.isEmpty else {
                    throw SourceError(.wrongShape, "\(place).values: must be a non-empty list", at: valuesNode.mark)
                }
                values = elements.map(\.json)
            }
            guard let kind = FieldKind.parse(name, enumValues: values) else {
                if name.contains("enum") && values == nil {
                    throw SourceError(.missingKey, "\(place): an enum needs 'values: [...]'", at: typeNode.mark)
                }
                throw SourceError(.unknownName, "\(place): unknown field type '\(name)'; known: \(FieldKind.knownNames)", at: typeNode.mark)
            }
            if values != nil && !name.contains("enum") {
                throw SourceError(.invalidValue, "\(place): 'values' is only for enum types", at: node["values"]?.mark ?? node.mark)
            }
            var required = false
            if let requiredNode = node["required"] {
                guard case .scalar(.bool(let flag), _, _) = requiredNode.content else {
                    throw SourceError(.wrongShape, "\(place).required: must be true or false", at: requiredNode.mark)
                }
                required = flag
            }
            self.init(kind: kind, required: required, mark: node.mark)
        default:
            throw SourceError(.wrongShape, "\(place): must be a type name such as 'string' or 'list<url>', or a map with 'type:'", at: node.mark)
        }
    }
}
