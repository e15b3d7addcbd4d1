extension StepDefinition {
    /// The same definition with a JSON Schema for its main argument, for the editor schema
    /// (`intake schema`) and `intake plugins list`. It says what the argument's YAML looks
    /// like, never more than the step's own `init` accepts: the step stays the judge, and the
    /// schema only lets an editor complete and flag what is surely wrong.
    public func describingArgument(_ schema: JSON) -> StepDefinition {
        var copy = self
        copy.argumentSchema = schema
        return copy
    }
}

/// The argument schemas the built-in steps share.
enum ArgumentSchema {
    /// A JSONPath such as `$.a.b`.
    static let path: JSON = ["type": "string", "pattern": #"^\$"#, "description": "A JSONPath (RFC 9535) such as $.a.b"]
    /// A string, number or boolean written as text (`join: ", "`, `field: 2`).
    static let scalar: JSON = ["type": ["string", "number", "boolean"]]
    static let string: JSON = ["type": "string"]
    static let map: JSON = ["type": "object"]
    /// A nested pipeline (`each:`), defined once in the editor schema.
    static let pipeline: JSON = ["$ref": "#/$defs/pipeline"]
    /// A list of pipelines (`coalesce:`).
    static let pipelines: JSON = ["type": "array", "minItems": 1, "items": ["$ref": "#/$defs/pipeline"]]
}
