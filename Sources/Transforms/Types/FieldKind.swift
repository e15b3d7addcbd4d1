/// The type of an incident field (SPEC §7): a scalar kind, an enumeration, or a list of a kind.
public indirect enum FieldKind: Sendable, Equatable {
    case string, int, number, bool, date, email, url, ip, domain, json
    /// `{type: enum, values: [...]}`: one of the declared values (SEMANTICS S71).
    case enumeration([JSON])
    /// `list<T>` (S72).
    case list(FieldKind)

    static let scalarNames: [String: FieldKind] = [
        "string": .string, "int": .int, "number": .number, "bool": .bool, "date": .date,
        "email": .email, "url": .url, "ip": .ip, "domain": .domain, "json": .json,
    ]

    /// The names a types file may use, for error messages.
    static let knownNames = "string, int, number, bool, date, email, url, ip, domain, json, enum, list<T>"

    /// Reads a type name such as `list<list<int>>`; `enum` takes the field's `values`.
    static func parse(_ name: String, enumValues: [JSON]?) -> FieldKind? {
        let name = name.trimmingWhitespace()
        if name.hasPrefix("list<") && name.hasSuffix(">") {
            let inner = String(name.dropFirst("list<".count).dropLast())
            return parse(inner, enumValues: enumValues).map(FieldKind.list)
        }
        if name == "enum" { return enumValues.map(FieldKind.enumeration) }
        return scalarNames[name]
    }

    /// Whether values of the kind are scalars, which a one-element list unwraps to (S60).
    var isScalar: Bool {
        switch self {
        case .json, .list: false
        default: true
        }
    }
}

extension FieldKind: CustomStringConvertible {
    /// The kind as a types file writes it (`list<url>`, `enum`).
    public var description: String {
        switch self {
        case .string: "string"
        case .int: "int"
        case .number: "number"
        case .bool: "bool"
        case .date: "date"
        case .email: "email"
        case .url: "url"
        case .ip: "ip"
        case .domain: "domain"
        case .json: "json"
        case .enumeration: "enum"
        case .list(let element): "list<\(element)>"
        }
    }
}
