import Foundation
import Transforms

/// `docs/openapi.yaml`, read with Intake's own YAML loader, for the tests that keep it true.
///
/// It knows the parts of OpenAPI 3.1 the document uses: paths (a path item may be a `$ref` to
/// `components/pathItems`), operations, responses by status, and the JSON Schema keywords of
/// `JSONSchemaCheck`. A `$ref` is always local (`#/…`).
struct OpenAPIDocument {
    /// One operation: `GET /api/incidents`.
    struct Operation: Hashable, CustomStringConvertible {
        var method: String
        var path: String
        var description: String { "\(method) \(path)" }
    }

    let root: JSON

    init(path: String) throws {
        root = try YAMLLoader.load(contentsOf: path).json
    }

    /// Every documented operation.
    var operations: Set<Operation> {
        var operations: Set<Operation> = []
        for (path, item) in root["paths"]?.objectValue?.members ?? [] {
            for (key, _) in resolved(item).objectValue?.members ?? [] where Self.methods.contains(key) {
                operations.insert(Operation(method: key.uppercased(), path: path))
            }
        }
        return operations
    }

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The documented response of `operation` for `status` (or its `default`), resolved.
    func response(_ operation: Operation, status: Int) -> JSON? {
        guard let item = root["paths"]?[operation.path].map(resolved),
            let responses = item[operation.method.lowercased()]?["responses"]
        else { return nil }
        return (responses["\(status)"] ?? responses["default"]).map(resolved)
    }

    /// `node` with a local `$ref` followed (repeatedly).
    func resolved(_ node: JSON) -> JSON {
        var node = node
        while let reference = node["$ref"]?.stringValue {
            guard reference.hasPrefix("#/") else { return node }
            var target: JSON? = root
            for part in reference.dropFirst(2).split(separator: "/") {
                let name = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                target = target?[name]
            }
            guard let target else { return .null }
            node = target
        }
        return node
    }
}

/// The JSON Schema keywords `docs/openapi.yaml` uses, checked against a value: `$ref`, `type`
/// (one or a list), `const`, `enum`, `properties`, `required`, `additionalProperties`, `items`,
/// `oneOf`, `minimum` and `maximum`. Any other keyword makes the check fail, so the document
/// cannot outgrow what its test verifies.
struct JSONSchemaCheck {
    let document: OpenAPIDocument

    /// Where `value` breaks `schema`, empty when it does not.
    func problems(_ value: JSON, _ schema: JSON, at path: String = "$") -> [String] {
        let schema = document.resolved(schema)
        guard case .object(let keywords) = schema else { return ["\(path): the schema is not an object"] }
        var problems: [String] = []
        for (keyword, rule) in keywords.members {
            switch keyword {
            case "type":
                let types = rule.arrayValue?.compactMap(\.stringValue) ?? [rule.stringValue ?? ""]
                if !types.contains(where: { Self.hasType(value, $0) }) { problems.append("\(path): \(value.kindName) is not \(types)") }
            case "const":
                if value != rule { problems.append("\(path): \(value.serialized()) is not \(rule.serialized())") }
            case "enum":
                if !(rule.arrayValue ?? []).contains(value) { problems.append("\(path): \(value.serialized()) is not one of \(rule.serialized())") }
            case "properties":
                for (name, property) in rule.objectValue?.members ?? [] {
                    if let member = value[name] { problems += self.problems(member, property, at: "\(path).\(name)") }
                }
            case "required":
                for case .string(let name) in rule.arrayValue ?? [] where value.objectValue != nil && value[name] == nil {
                    problems.append("\(path): no '\(name)'")
                }
            case "additionalProperties":
                let declared = Set(keywords["properties"]?.objectValue?.keys ?? [])
                for (name, member) in value.objectValue?.members ?? [] where !declared.contains(name) {
                    if rule == .bool(false) { problems.append("\(path): '\(name)' is not documented") }
                    if case .object = rule { problems += self.problems(member, rule, at: "\(path).\(name)") }
                }
            case "items":
                for (index, element) in (value.arrayValue ?? []).enumerated() { problems += self.problems(element, rule, at: "\(path)[\(index)]") }
            case "oneOf":
                let matching = (rule.arrayValue ?? []).filter { self.problems(value, $0, at: path).isEmpty }.count
                if matching != 1 { problems.append("\(path): matches \(matching) of oneOf, not 1") }
            case "minimum":
                if let number = value.numberValue, let bound = rule.numberValue, number < bound { problems.append("\(path): below \(bound)") }
            case "maximum":
                if let number = value.numberValue, let bound = rule.numberValue, number > bound { problems.append("\(path): above \(bound)") }
            case "description", "format", "example", "$ref":
                break
            default:
                problems.append("\(path): keyword '\(keyword)' is not checked by JSONSchemaCheck")
            }
        }
        return problems
    }

    static func hasType(_ value: JSON, _ type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null): true
        case ("number", .number): true
        case ("integer", .number(.int)), ("integer", .number(.bigInt)): true
        default: false
        }
    }
}

extension JSON {
    fileprivate var numberValue: Double? {
        if case .number(let number) = self { number.doubleValue } else { nil }
    }
}
