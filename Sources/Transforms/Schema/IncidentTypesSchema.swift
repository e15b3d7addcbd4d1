/// The `$defs` of an `incident_types:` file (SPEC §7): type name to `{fields: {name: type}}`,
/// a field's type written as a name (`email`, `list<url>`) or a map (`{type: enum, values:
/// […], required: true}`), built-in fields never declared (S10).
enum IncidentTypesSchema {
    static var definitions: JSONObject {
        /// `list<list<url>>`: a kind, in as many lists as wanted; `enum` only beside `values`.
        func typeName(_ kinds: [String]) -> JSON {
            [
                "type": "string", "pattern": .string(#"^\s*(list<\s*)*("# + kinds.joined(separator: "|") + #")(\s*>)*\s*$"#),
                "description": .string("A field type: \(FieldKind.knownNames) (enum in the map form, with values)."),
            ]
        }
        let scalarKinds = FieldKind.scalarNames.keys.sorted()
        let named = typeName(scalarKinds)
        let reserved = BuiltInField.allCases.map { JSON.string($0.rawValue) } + ["type"]
        let fieldMap = EditorSchema.closedMap(
            FieldSpec.keys, required: ["type"],
            described: ["type": typeName(scalarKinds + ["enum"]), "required": ["type": "boolean"], "values": ["type": "array"]])
        let fields: JSON = [
            "type": "object", "additionalProperties": ["anyOf": [named, fieldMap]],
            "propertyNames": ["not": ["enum": .array(reserved)]],
        ]
        let type: JSON = [
            "anyOf": [["type": "null"], EditorSchema.closedMap(["fields"], described: ["fields": ["anyOf": [["type": "null"], fields]]])]
        ]
        let file = EditorSchema.closedMap(
            ["incident_types"], required: ["incident_types"],
            described: ["incident_types": ["type": "object", "additionalProperties": ["$ref": "#/$defs/incident_type"]]])
        return ["incident_types_file": file, "incident_type": type]
    }
}
