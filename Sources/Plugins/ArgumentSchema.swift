import Transforms

/// The JSON Schema a plugin declares for its argument, compiled once when the plugin loads.
///
/// Intake checks a mapper's argument against it while the mapper compiles, so `intake check`
/// reports a wrong argument at its `file:line:column` before the plugin ever runs. The subset is
/// what argument maps need: `type`, `properties`, `required`, `additionalProperties`, `items`,
/// `enum`, `const`, `minimum`/`maximum`, `minLength`/`maxLength`, `minItems`/`maxItems`,
/// `pattern`, `anyOf`. Annotation keywords (`description`, `default`, `title`, `$schema`,
/// `examples`) are accepted and ignored; any other keyword is a load error, so a plugin author
/// never believes a constraint holds that Intake does not check.
package indirect enum ArgumentSchema: Sendable {
    case constraints(Constraints)
    /// `true` / `{}`: anything.
    case anything
    /// `false`: nothing.
    case nothing

    package struct Constraints: Sendable {
        var types: Set<JSONType>?
        var properties: [(name: String, schema: ArgumentSchema)] = []
        var required: [String] = []
        var additionalProperties: ArgumentSchema = .anything
        var items: ArgumentSchema = .anything
        var allowed: [JSON]?
        var minimum: Double?
        var maximum: Double?
        var minLength: Int?
        var maxLength: Int?
        var minItems: Int?
        var maxItems: Int?
        var pattern: PCRE2Pattern?
        var anyOf: [ArgumentSchema]?
    }

    /// JSON Schema's type names.
    package enum JSONType: String, Sendable, CaseIterable {
        case null, boolean, integer, number, string, array, object
    }

    static let annotationKeywords: Set<String> = ["description", "default", "title", "$schema", "examples", "$comment"]

    /// Compiles a schema.
    ///
    /// - Throws: the JSON Pointer of the first unsupported or malformed keyword, and why.
    package init(_ json: JSON, at pointer: String = "") throws(ArgumentSchemaError) {
        switch json {
        case .bool(true): self = .anything; return
        case .bool(false): self = .nothing; return
        case .object(let object):
            var constraints = Constraints()
            for (key, value) in object.members {
                let here = "\(pointer)/\(key)"
                switch key {
                case "type": constraints.types = try Self.types(value, at: here)
                case "properties":
                    guard case .object(let properties) = value else { throw ArgumentSchemaError(here, "must be an object") }
                    for (name, schema) in properties.members {
                        constraints.properties.append((name, try ArgumentSchema(schema, at: "\(here)/\(name)")))
                    }
                case "required":
                    guard case .array(let names) = value else { throw ArgumentSchemaError(here, "must be a list of names") }
                    for name in names {
                        guard case .string(let name) = name else { throw ArgumentSchemaError(here, "must be a list of names") }
                        constraints.required.append(name)
                    }
                case "additionalProperties": constraints.additionalProperties = try ArgumentSchema(value, at: here)
                case "items": constraints.items = try ArgumentSchema(value, at: here)
                case "enum":
                    guard case .array(let values) = value else { throw ArgumentSchemaError(here, "must be a list") }
                    constraints.allowed = values
                case "const": constraints.allowed = [value]
                case "minimum": constraints.minimum = try Self.number(value, at: here)
                case "maximum": constraints.maximum = try Self.number(value, at: here)
                case "minLength": constraints.minLength = try Self.count(value, at: here)
                case "maxLength": constraints.maxLength = try Self.count(value, at: here)
                case "minItems": constraints.minItems = try Self.count(value, at: here)
                case "maxItems": constraints.maxItems = try Self.count(value, at: here)
                case "pattern":
                    guard case .string(let text) = value else { throw ArgumentSchemaError(here, "must be a string") }
                    do { constraints.pattern = try PCRE2Pattern(text) } catch { throw ArgumentSchemaError(here, "\(error)") }
                case "anyOf", "oneOf":
                    guard case .array(let schemas) = value, !schemas.isEmpty else {
                        throw ArgumentSchemaError(here, "must be a non-empty list of schemas")
                    }
                    var compiled: [ArgumentSchema] = []
                    for (index, schema) in schemas.enumerated() { compiled.append(try ArgumentSchema(schema, at: "\(here)/\(index)")) }
                    constraints.anyOf = compiled
                default:
                    guard Self.annotationKeywords.contains(key) else {
                        throw ArgumentSchemaError(here, "is a JSON Schema keyword Intake does not check; see docs/plugins.md for the supported ones")
                    }
                }
            }
            self = .constraints(constraints)
        default:
            throw ArgumentSchemaError(pointer, "a schema must be an object or a boolean, not \(json.kindName)")
        }
    }

    /// Whether the schema asks for an object: a bare `- step` then passes `{}`.
    package var expectsObject: Bool {
        if case .constraints(let constraints) = self, constraints.types == [.object] { return true }
        return false
    }

    private static func types(_ value: JSON, at pointer: String) throws(ArgumentSchemaError) -> Set<JSONType> {
        let names: [JSON]
        switch value {
        case .string: names = [value]
        case .array(let list): names = list
        default: throw ArgumentSchemaError(pointer, "must be a type name or a list of them")
        }
        var types: Set<JSONType> = []
        for name in names {
            guard case .string(let text) = name, let type = JSONType(rawValue: text) else {
                throw ArgumentSchemaError(pointer, "names an unknown type (known: \(JSONType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            types.insert(type)
        }
        return types
    }

    private static func number(_ value: JSON, at pointer: String) throws(ArgumentSchemaError) -> Double {
        guard case .number(let number) = value, let double = number.doubleValue else { throw ArgumentSchemaError(pointer, "must be a number") }
        return double
    }

    private static func count(_ value: JSON, at pointer: String) throws(ArgumentSchemaError) -> Int {
        guard case .number(.int(let count)) = value, count >= 0 else { throw ArgumentSchemaError(pointer, "must be a non-negative integer") }
        return count
    }
}

/// A plugin's argument schema that Intake cannot use, found when the plugin loads.
package struct ArgumentSchemaError: Error, CustomStringConvertible, Sendable {
    /// The JSON Pointer into the schema (`/properties/dots/type`).
    package var pointer: String
    package var message: String

    init(_ pointer: String, _ message: String) {
        self.pointer = pointer
        self.message = message
    }

    package var description: String { "argument schema at '\(pointer.isEmpty ? "/" : pointer)': \(message)" }
}

extension JSONNumber {
    var doubleValue: Double? {
        switch self {
        case .int(let int): Double(int)
        case .double(let double): double
        case .bigInt(let text): Double(text)
        }
    }
}
