/// Comparisons as RFC 9535 §2.3.5.2.2 defines them, Nothing (`nil`) included.
///
/// Numbers compare by exact value through the same `JSONNumber.exactOrder` as conditions
/// (`1 == 1.0`; integers beyond 2^53 and 64 bits exactly, SEMANTICS S3); strings compare scalar
/// by scalar, not by Swift's canonical equivalence, so the result matches other RFC 9535
/// implementations byte for byte.
extension PathEvaluator {
    static func compare(_ left: JSON?, _ comparison: ComparisonOperator, _ right: JSON?) -> Bool {
        switch comparison {
        case .equal: equal(left, right)
        case .notEqual: !equal(left, right)
        case .less: less(left, right)
        case .lessOrEqual: less(left, right) || equal(left, right)
        case .greater: less(right, left)
        case .greaterOrEqual: less(right, left) || equal(left, right)
        }
    }

    /// Two Nothings are equal; Nothing equals no value.
    static func equal(_ left: JSON?, _ right: JSON?) -> Bool {
        switch (left, right) {
        case (.none, .none): true
        case (let left?, let right?): deepEqual(left, right)
        default: false
        }
    }

    static func deepEqual(_ left: JSON, _ right: JSON) -> Bool {
        switch (left, right) {
        case (.string(let a), .string(let b)):
            return exactlyEqual(a, b)
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { deepEqual($0, $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            return a.members.allSatisfy { member in
                guard let other = Self.member(member.key, of: b) else { return false }
                return deepEqual(member.value, other)
            }
        default:
            return left == right  // null, booleans, numbers (1 == 1.0) and instants
        }
    }

    /// Only numbers with numbers and strings with strings are ordered (instants too, since
    /// the engine's values can hold them); anything else, Nothing included, is not less.
    static func less(_ left: JSON?, _ right: JSON?) -> Bool {
        switch (left, right) {
        case (.number(let a)?, .number(let b)?):
            return a.exactOrder(b) == .less
        case (.string(let a)?, .string(let b)?):
            return a.utf8.lexicographicallyPrecedes(b.utf8)  // UTF-8 order is scalar order
        case (.instant(let a)?, .instant(let b)?):
            return a < b
        default:
            return false
        }
    }
}
