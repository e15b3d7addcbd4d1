/// The shared body of `to_string`, `to_int`, `to_number` and `to_bool` (SEMANTICS S50): the
/// field coercions applied to a value or to each element of a list, `null` elements kept.
enum ExplicitCoercion {
    static func apply(_ input: JSON, to kind: FieldKind) throws(StepError) -> JSON? {
        if case .array(let elements) = input {
            var result: [JSON] = []
            for (index, element) in elements.enumerated() {
                if element.isNull { result.append(.null); continue }
                if case .array = element { throw StepError("element \(index): a nested list cannot be \(Coercions.article(kind))") }
                do { result.append(try one(element, kind)) } catch { throw StepError("element \(index): \(error.message)") }
            }
            return .array(result)
        }
        do { return try one(input, kind) } catch { throw StepError(error.message) }
    }

    private static func one(_ value: JSON, _ kind: FieldKind) throws(CoercionError) -> JSON {
        switch kind {
        case .string:
            if case .object = value { return .string(value.serialized()) }
            return .string(try Coercions.string(value))
        case .int:
            return try Coercions.int(value)
        case .number:
            return try Coercions.number(value)
        default:
            return .bool(try Coercions.bool(value))
        }
    }
}
