/// SEMANTICS S59: missing, `null`, `""` and `[]` are one idea, "no value".
extension JSON {
    /// Whether the value is `null`, `""` or `[]` (missing is `nil` and has no value either).
    public var isNoValue: Bool {
        switch self {
        case .null: true
        case .string(let string): string.isEmpty
        case .array(let array): array.isEmpty
        default: false
        }
    }
}

extension Optional where Wrapped == JSON {
    /// Whether the value is neither missing, `null`, `""` nor `[]` (S59).
    public var hasValue: Bool {
        guard let value = self else { return false }
        return !value.isNoValue
    }
}
