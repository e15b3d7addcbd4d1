/// JSON Schemas (draft 2020-12) of the files people write, for editors: yaml-language-server
/// (VS Code, Neovim, …) completes keys and step names and marks mistakes as you type.
///
/// The steps come from the registry the schema is made for, so a plugin's steps and their
/// argument schemas are in it too. A schema is a helper, not the judge: it describes the
/// shapes the loaders read (their key lists are used here, not copied) and is looser than
/// `intake check` wherever a rule needs more than a shape, never stricter.
public enum EditorSchema {
    static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// A file of the mappers folder: a mapper, or an `incident_types:` file (the catalog
    /// reads both from one folder, so one schema serves the folder).
    public static func mappersFolderFile(steps: StepRegistry) -> JSON {
        var defs = MapperSchema(steps: steps).definitions
        for member in IncidentTypesSchema.definitions.members { defs[member.key] = member.value }
        return [
            "$schema": .string(dialect),
            "title": "Intake mapper or incident-types file",
            "description": "A mapper (SPEC §6) or an incident_types: file (SPEC §7) of Intake's mappers folder.",
            "anyOf": [["$ref": "#/$defs/mapper"], ["$ref": "#/$defs/incident_types_file"]],
            "$defs": .object(defs),
        ]
    }

    /// A mapper file alone.
    public static func mapper(steps: StepRegistry) -> JSON {
        [
            "$schema": .string(dialect),
            "title": "Intake mapper",
            "$ref": "#/$defs/mapper",
            "$defs": .object(MapperSchema(steps: steps).definitions),
        ]
    }

    /// An `incident_types:` file alone.
    public static func incidentTypes() -> JSON {
        [
            "$schema": .string(dialect),
            "title": "Intake incident types",
            "$ref": "#/$defs/incident_types_file",
            "$defs": .object(IncidentTypesSchema.definitions),
        ]
    }

    /// `{"type": "object", "properties": …, "additionalProperties": false}` for a map whose
    /// keys are exactly `keys` (in that order, for completion lists), each described by
    /// `described[key]` or, when absent there, taking any value.
    package static func closedMap(_ keys: [String], required: [String] = [], described: [String: JSON] = [:]) -> JSON {
        var properties = JSONObject()
        for key in keys { properties[key] = described[key] ?? [:] }
        var object: JSONObject = ["type": "object", "properties": .object(properties), "additionalProperties": false]
        if !required.isEmpty { object["required"] = .array(required.map(JSON.string)) }
        return .object(object)
    }
}
