extension JSON {
    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    public var arrayValue: [JSON]? {
        if case .array(let array) = self { return array }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let bool) = self { return bool }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The name of the value's kind, for error messages ("expected a string, got an object").
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        case .instant: "an instant"
        }
    }
}

extension JSONNumber {
    /// The value as a `Double`, rounded (comparisons use `exactOrder`, never this).
    public var doubleValue: Double {
        switch self {
        case .int(let int): Double(int)
        case .bigInt(let text): Double(text) ?? .nan
        case .double(let double): double
        }
    }

    /// The number as an integer when it has an integral value that fits 64 bits.
    public var integralValue: Int? {
        switch self {
        case .int(let int): return int
        case .bigInt: return nil
        case .double(let double):
            guard double.isFinite, double.rounded(.towardZero) == double,
                double >= -9.223372036854775808e18, double < 9.223372036854775808e18
            else { return nil }
            return Int(double)
        }
    }

    public var isInteger: Bool {
        switch self {
        case .int, .bigInt: true
        case .double: false
        }
    }
}
