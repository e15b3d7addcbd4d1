/// The fields every incident has, whatever its type (SEMANTICS S73).
public enum BuiltInField: String, CaseIterable, Sendable {
    case name, occurred, severity, details

    /// The built-in coercion: `name` and `details` strings (`""` no value), `occurred` an
    /// instant, `severity` an integer 0–4 or one of its names.
    ///
    /// - Returns: `nil` when the value has no value.
    public func coerce(_ value: JSON) throws(CoercionError) -> JSON? {
        switch self {
        case .name, .details:
            guard let coerced = try Transforms.coerce(value, to: .string), coerced != .string("") else { return nil }
            return coerced
        case .occurred:
            return try Transforms.coerce(value, to: .date)
        case .severity:
            var value = value
            if case .array(let elements) = value {
                guard elements.count <= 1 else { throw CoercionError("a list of \(elements.count) values cannot be one severity") }
                guard let only = elements.first else { return nil }
                value = only
            }
            if value.isNoValue { return nil }
            if case .string(let text) = value, let level = Severity.names.firstIndex(of: text.trimmingWhitespace().lowercased()) {
                return .number(.int(level))
            }
            if case .number(.int(let level))? = try? Coercions.int(value), (0...4).contains(level) {
                return .number(.int(level))
            }
            throw CoercionError.not("a severity (0–4, or unknown, low, medium, high, critical)", value)
        }
    }
}

/// Severity levels by number: 0 unknown, 1 low, 2 medium, 3 high, 4 critical.
public enum Severity {
    public static let names = ["unknown", "low", "medium", "high", "critical"]
}
