extension Coercions {
    /// S62: integers stay; integral numbers and integral numeric text become integers.
    static func int(_ value: JSON) throws(CoercionError) -> JSON {
        switch value {
        case .number(let number):
            if number.isInteger { return value }
            guard let integral = number.integralValue else { throw CoercionError.not("an integer", value) }
            return .number(.int(integral))
        case .string(let string):
            let text = string.trimmingWhitespace()
            if let number = NumericText.parse(text) {
                if number.isInteger { return .number(number) }
                if let integral = number.integralValue { return .number(.int(integral)) }
            }
            throw CoercionError.not("an integer", value)
        default:
            throw CoercionError.not("an integer", value)
        }
    }

    /// S63: numbers stay; integer text gives an integer, decimal or exponent text a non-integer.
    static func number(_ value: JSON) throws(CoercionError) -> JSON {
        switch value {
        case .number(let number):
            guard number.doubleValue.isFinite || number.isInteger else { throw CoercionError.not("a finite number", value) }
            return value
        case .string(let string):
            guard let number = NumericText.parse(string.trimmingWhitespace()) else { throw CoercionError.not("a number", value) }
            return .number(number)
        default:
            throw CoercionError.not("a number", value)
        }
    }

    /// S64: booleans, the numbers 0 and 1, and the words true/yes/y/on/1 and false/no/n/off/0.
    static func bool(_ value: JSON) throws(CoercionError) -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .number(let number):
            if number.doubleValue == 1 { return true }
            if number.doubleValue == 0 { return false }
        case .string(let string):
            switch string.trimmingWhitespace().lowercased() {
            case "true", "yes", "y", "on", "1": return true
            case "false", "no", "n", "off", "0": return false
            default: break
            }
        default: break
        }
        throw CoercionError.not("a boolean (true/false, yes/no, on/off, 1/0)", value)
    }
}

/// Numeric text as JSON writes numbers, with an optional `+`: integer text gives an integer
/// (kept exactly beyond 64 bits), decimal or exponent text a finite double.
enum NumericText {
    static func parse(_ text: String) -> JSONNumber? {
        var digits = Substring(text)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        if digits.allSatisfy(\.isASCIIDigit) {
            if let int = Int(text.hasPrefix("+") ? String(text.dropFirst()) : text) { return .int(int) }
            var canonical = String(digits.drop { $0 == "0" })
            if canonical.isEmpty { canonical = "0" }
            return .bigInt(negative ? "-" + canonical : canonical)
        }
        guard isDecimal(digits), let double = Double(text.hasPrefix("+") ? String(text.dropFirst()) : text), double.isFinite
        else { return nil }
        return .double(double)
    }

    /// `1.5`, `.5`, `5.`, `1e3`, `1.5E-2`: what `Double(_:)` accepts minus `inf`, `nan` and hex.
    private static func isDecimal(_ text: Substring) -> Bool {
        var mantissa = text
        var exponent: Substring?
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = text[text.index(after: e)...]
        }
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            parts.contains(where: { !$0.isEmpty })
        else { return false }
        if var exponent {
            if let sign = exponent.first, sign == "-" || sign == "+" { exponent = exponent.dropFirst() }
            guard !exponent.isEmpty, exponent.allSatisfy(\.isASCIIDigit) else { return false }
        }
        return true
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
