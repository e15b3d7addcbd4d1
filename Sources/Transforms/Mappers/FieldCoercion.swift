/// Which coercion a field's result takes (SEMANTICS S60): a built-in field's own, else the
/// one the selected type declares, else none (`json`: undeclared fields are kept as they are).
enum FieldCoercion {
    static func coerce(_ value: JSON, field: String, of type: IncidentType?) throws -> JSON? {
        if let builtIn = BuiltInField(rawValue: field) {
            return try builtIn.coerce(value)
        }
        if let spec = type?.fields.first(where: { $0.name == field })?.spec {
            return try Transforms.coerce(value, to: spec.kind)
        }
        return value
    }
}
