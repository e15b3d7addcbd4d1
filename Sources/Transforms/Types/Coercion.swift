/// Coerces a field's pipeline result to its kind (SEMANTICS S60).
///
/// - Returns: the coerced value, or `nil` when it has no value and the field stays absent.
/// - Throws: a `CoercionError` saying what was expected.
public func coerce(_ value: JSON, to kind: FieldKind) throws(CoercionError) -> JSON? {
    var value = value
    if kind.isScalar, case .array(let elements) = value {
        switch elements.count {
        case 0: return nil
        case 1: value = elements[0]
        default: throw CoercionError("a list of \(elements.count) values cannot be one \(kind)")
        }
    }
    if value.isNoValue { return nil }
    switch kind {
    case .string: return .string(try Coercions.string(value))
    case .int: return try Coercions.int(value)
    case .number: return try Coercions.number(value)
    case .bool: return .bool(try Coercions.bool(value))
    case .date:
        do { return .instant(try DateReader.coerce(value)) } catch { throw CoercionError(error.message) }
    case .email: return .string(try Coercions.email(value))
    case .url: return .string(try Coercions.url(value))
    case .ip: return .string(try Coercions.ip(value))
    case .domain: return .string(try Coercions.domain(value))
    case .json: return value
    case .enumeration(let allowed): return try Coercions.enumeration(value, allowed: allowed)
    case .list(let element): return try Coercions.list(value, of: element)
    }
}

/// The coercion of each kind, one function each; `coerce(_:to:)` handles no value and lists.
enum Coercions {
    /// S61.
    static func string(_ value: JSON) throws(CoercionError) -> String {
        switch value {
        case .string(let string): return string
        case .number, .bool, .instant: return value.text
        default: throw CoercionError("\(value.kindName) cannot be a string")
        }
    }

    /// S71: JSON equality first, then equal text for scalars; the declared value is output.
    static func enumeration(_ value: JSON, allowed: [JSON]) throws(CoercionError) -> JSON {
        if let match = allowed.first(where: { $0 == value }) { return match }
        if value.isScalar, let match = allowed.first(where: { $0.isScalar && $0.text == value.text }) { return match }
        let choices = allowed.map { $0.serialized() }.joined(separator: ", ")
        throw CoercionError("\(value.excerpt) is not one of \(choices)")
    }

    /// S72: a scalar becomes a one-element list; `null` elements are dropped; `[]` is no value.
    static func list(_ value: JSON, of element: FieldKind) throws(CoercionError) -> JSON? {
        let elements: [JSON]
        if case .array(let array) = value { elements = array } else { elements = [value] }
        var result: [JSON] = []
        for (index, item) in elements.enumerated() {
            if item.isNull { continue }
            do {
                if let coerced = try coerceElement(item, to: element) { result.append(coerced) }
            } catch {
                throw CoercionError("element \(index): \(error.message)")
            }
        }
        return result.isEmpty ? nil : .array(result)
    }

    /// A list element: coerced like any value, so `""` is kept as a string and refused as an email.
    private static func coerceElement(_ item: JSON, to kind: FieldKind) throws(CoercionError) -> JSON? {
        switch kind {
        case .list(let inner): return try list(item, of: inner) ?? .array([])
        case .json: return item
        case .string: return .string(try string(item))
        default:
            if case .array = item { throw CoercionError("a list cannot be one \(kind)") }
            if case .string("") = item { throw CoercionError("\"\" is not \(article(kind))") }
            return try coerce(item, to: kind)
        }
    }

    static func article(_ kind: FieldKind) -> String {
        switch kind {
        case .int: "an integer"
        case .email: "an email address"
        case .url: "a URL"
        case .ip: "an IP address"
        case .enumeration: "an allowed value"
        default: "a \(kind)"
        }
    }
}

extension JSON {
    var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }
}
