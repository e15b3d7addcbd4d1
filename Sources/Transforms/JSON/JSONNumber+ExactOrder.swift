/// The one numeric comparison of the engine: numbers ordered by their exact values
/// (SEMANTICS S3), shared by JSON equality (`equals`, `in`, `unique`, `enum`) and by every
/// JSONPath filter comparison (`==`, `!=`, `<`, `<=`, `>`, `>=`).
///
/// Comparing through `Double` would be wrong twice over: integers beyond 2^53 collapse
/// (`9007199254740993` would equal `9007199254740992`), and integers beyond 64 bits lose their
/// order. So integers compare as integers (64-bit ones directly, bigger ones by their decimal
/// text), and an integer meets a double through the double's exact value, never the reverse.
package enum NumericOrder: Sendable, Equatable {
    case less, equal, greater

    var reversed: NumericOrder {
        switch self {
        case .less: .greater
        case .equal: .equal
        case .greater: .less
        }
    }

    init<T: Comparable>(_ left: T, _ right: T) {
        self = left < right ? .less : left == right ? .equal : .greater
    }
}

extension JSONNumber {
    /// How this number's exact value orders against `other`'s; `nil` only when a double is
    /// NaN, which JSON text cannot hold but arithmetic on doubles could produce.
    package func exactOrder(_ other: JSONNumber) -> NumericOrder? {
        switch (self, other) {
        case (.int(let a), .int(let b)): return NumericOrder(a, b)
        case (.double(let a), .double(let b)): return a.isNaN || b.isNaN ? nil : NumericOrder(a, b)
        // Up to 2^53 an integer converts to a double exactly: the common case stays cheap.
        case (.int(let a), .double(let b)) where a.magnitude <= 1 << 53: return b.isNaN ? nil : NumericOrder(Double(a), b)
        case (.double(let a), .int(let b)) where b.magnitude <= 1 << 53: return a.isNaN ? nil : NumericOrder(a, Double(b))
        case (.double(let a), _): return DecimalInteger(other)?.order(a)?.reversed
        case (_, .double(let b)): return DecimalInteger(self)?.order(b)
        default:  // two integers, one of them beyond 64 bits
            guard let left = DecimalInteger(self), let right = DecimalInteger(other) else { return nil }
            return left.order(right)
        }
    }
}

/// An integer as canonical decimal text: an optional `-`, then digits with no leading zero.
///
/// `.bigInt` is already in this form (S2); a 64-bit integer gets it from `String(_:)`.
private struct DecimalInteger {
    var negative: Bool
    var digits: Substring.UTF8View

    init?(_ number: JSONNumber) {
        switch number {
        case .int(let int): self.init(String(int))
        case .bigInt(let text): self.init(text)
        case .double: return nil
        }
    }

    init(_ text: String) {
        negative = text.hasPrefix("-")
        digits = Substring(text).dropFirst(negative ? 1 : 0).utf8
    }

    /// Sign first, then the number of digits, then digit by digit; negatives the other way.
    func order(_ other: DecimalInteger) -> NumericOrder {
        if negative != other.negative { return negative ? .less : .greater }
        let magnitudes =
            digits.count != other.digits.count
            ? NumericOrder(digits.count, other.digits.count)
            : digits.elementsEqual(other.digits)
                ? .equal
                : digits.lexicographicallyPrecedes(other.digits) ? .less : .greater
        return negative ? magnitudes.reversed : magnitudes
    }

    /// Against a double: an infinity bounds every integer; a fraction puts the double strictly
    /// between two integers, so the integer is greater exactly when it exceeds the floor; an
    /// integral double compares through its exact decimal text.
    func order(_ double: Double) -> NumericOrder? {
        guard !double.isNaN else { return nil }
        guard double.isFinite else { return double > 0 ? .less : .greater }
        let floor = double.rounded(.down)
        let floorText = (floor < 0 ? "-" : "") + BigDecimalText.integralMagnitude(of: floor)
        let order = order(DecimalInteger(floorText))
        guard floor != double else { return order }
        return order == .greater ? .greater : .less
    }
}
