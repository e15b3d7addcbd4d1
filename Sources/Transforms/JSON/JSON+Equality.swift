/// JSON equality as SEMANTICS S3 fixes it: `1` equals `1.0`, `true` is not `1`, `"3"` is
/// not `3`, objects compare by their members whatever the order, lists element by element.
/// An instant equals only the same instant.
extension JSON: Equatable {
    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.instant(let a), .instant(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a == b
        default: return false
        }
    }
}

/// Numbers are equal when their exact values are (`JSONNumber.exactOrder`), so that the
/// `equals` condition and a JSONPath filter's `==` always agree.
extension JSONNumber: Equatable {
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        lhs.exactOrder(rhs) == .equal
    }
}

extension JSONObject: Equatable {
    /// Objects up to this many members are compared by looking each key up in the other's
    /// list; larger ones through a dictionary, so that comparing two objects of n members
    /// costs O(n), not O(n²) (fuzzing found a 6,000-key payload taking seconds).
    static var linearComparisonLimit: Int { 16 }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard lhs.count > linearComparisonLimit else {
            for (key, value) in lhs.members {
                guard let other = rhs[key], other == value else { return false }
            }
            return true
        }
        // The first member of a key, as the subscript finds it.
        let others = Dictionary(rhs.members.lazy.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        for (key, value) in lhs.members {
            guard let other = others[key], other == value else { return false }
        }
        return true
    }
}
