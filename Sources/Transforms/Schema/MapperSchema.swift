/// The `$defs` of the mapper schema: the mapper's keys (`Mapper.keys`), conditions
/// (`Condition`'s keys), pipelines in the forms of SEMANTICS S13–S14, and one definition per
/// registered step.
struct MapperSchema {
    var steps: StepRegistry

    var definitions: JSONObject {
        var defs: JSONObject = [
            "mapper": mapper,
            "pipeline": pipeline,
            "step": step,
            "step_map": stepMap,
            "condition": Self.condition,
        ]
        for name in steps.names {
            if let definition = steps[name] { defs["step_\(name)"] = Self.stepDefinition(definition) }
        }
        return defs
    }

    /// The top level of a mapper file.
    var mapper: JSON {
        let described: [String: JSON] = [
            "mapper": ["type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$", "description": "The mapper's name: lower-case letters, digits and '-'."],
            "version": ["type": "integer", "minimum": 1, "description": "Recorded with every incident it maps."],
            "when": ["$ref": "#/$defs/condition", "description": "The payloads this mapper takes; absent: every payload."],
            "prepare": [
                "type": "array", "minItems": 1, "items": ["$ref": "#/$defs/step"],
                "description": "Steps that edit the payload before the fields are mapped (parse_json: PATH).",
            ],
            "for_each": ["type": "string", "pattern": #"^\$"#, "description": "One incident per node of this JSONPath, e.g. $.alerts[*]."],
            "type": [
                "anyOf": [["type": "string"], ["$ref": "#/$defs/pipeline"]],
                "description": "The incident type: a name, or a pipeline whose value names it (a drop-down through lookup).",
            ],
            "dedup": ["$ref": "#/$defs/pipeline", "description": "A pipeline whose value is the deduplication key."],
            "fields": [
                "type": "object", "additionalProperties": ["$ref": "#/$defs/pipeline"], "propertyNames": ["not": ["const": "type"]],
                "description": "Field name to pipeline; the type is the top-level 'type:'.",
            ],
        ]
        return EditorSchema.closedMap(Mapper.keys, required: ["mapper"], described: described)
    }

    /// A whole pipeline (S13): a path, one step map, or a list of steps.
    var pipeline: JSON {
        ["anyOf": [ArgumentSchema.path, ["$ref": "#/$defs/step_map"], ["type": "array", "minItems": 1, "items": ["$ref": "#/$defs/step"]]]]
    }

    /// One element of a step list: a path, a bare step name (a step with no or an optional
    /// argument), or a step map.
    var step: JSON {
        let bare = steps.names.filter { steps[$0]?.signature.argument != .required }
        return ["anyOf": [ArgumentSchema.path, ["enum": .array(bare.map(JSON.string))], ["$ref": "#/$defs/step_map"]]]
    }

    var stepMap: JSON {
        ["anyOf": .array(steps.names.map { ["$ref": .string("#/$defs/step_\($0)")] })]
    }

    /// `{name: argument, option: …}`: the step's argument in its plain form or, for a step
    /// with options, in the options form `{name: {main, option…}}` (S14).
    static func stepDefinition(_ definition: StepDefinition) -> JSON {
        let signature = definition.signature
        let main = definition.argumentSchema ?? [:]
        var argument: JSON
        switch signature.argument {
        case .none: argument = ["type": "null"]
        case .required: argument = definition.argumentSchema ?? ["not": ["type": "null"]]
        case .optional: argument = ["anyOf": [["type": "null"], main]]
        }
        if let mainOption = signature.mainOption {
            let optionsForm = EditorSchema.closedMap([mainOption] + signature.options, required: [mainOption], described: [mainOption: main])
            argument = ["anyOf": [argument, optionsForm]]
        }
        var schema = EditorSchema.closedMap(
            [definition.name] + signature.options, required: [definition.name], described: [definition.name: argument])
        if case .object(var object) = schema {
            object["description"] = .string(signature.summary)
            schema = .object(object)
        }
        return schema
    }

    /// `{path: $.a, equals: x}`, or `all`/`any` of a list, or `not` (S55–S57).
    static var condition: JSON {
        let test = EditorSchema.closedMap(
            ["path"] + Condition.operatorKeys,
            described: ["path": ArgumentSchema.path, "in": ["type": "array"], "matches": ["type": "string"], "exists": ["type": "boolean"]])
        let combinators: [JSON] = Condition.combinatorKeys.map { key in
            let inner: JSON = key == "not" ? ["$ref": "#/$defs/condition"] : ["type": "array", "items": ["$ref": "#/$defs/condition"]]
            return EditorSchema.closedMap([key], required: [key], described: [key: inner])
        }
        return ["anyOf": .array([test] + combinators)]
    }
}
