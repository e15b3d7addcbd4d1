extension JSONParser {
    /// Reads a number, keeping the integer / non-integer distinction of its text (S2).
    ///
    /// An integer (no fraction, no exponent) is `.int` when it fits 64 bits and `.bigInt`
    /// with its exact digits otherwise; anything else is a `.double`, and one too large for
    /// a double is an error rather than a silent infinity.
    mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = position
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let integerStart = position
        guard position < bytes.count, isDigit(bytes[position]) else {
            if position < bytes.count, bytes[position] == UInt8(ascii: "I") {
                throw JSONParseError(offset: position, message: "expected a digit after '-' (Infinity is not JSON)")
            }
            throw expected("a digit after '-'")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) {
                throw JSONParseError(offset: position, message: "a number cannot have leading zeros")
            }
        } else {
            skipDigits()
        }
        let integerEnd = position
        var isInteger = true
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw expected("a digit after the decimal point")
            }
            skipDigits()
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw expected("a digit in the exponent")
            }
            skipDigits()
        }
        if isInteger {
            return integer(start: start, digits: integerStart..<integerEnd, negative: negative)
        }
        let value =
            fastDouble(start: start, integerDigits: integerStart..<integerEnd, negative: negative)
            ?? Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
        guard let value, value.isFinite else {
            throw JSONParseError(offset: start, message: "number too large: it does not fit a 64-bit double")
        }
        return .double(value)
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    private mutating func skipDigits() {
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }

    /// The integer whose digits (no sign, no leading zeros) are at `digits`.
    private func integer(start: Int, digits: Range<Int>, negative: Bool) -> JSONNumber {
        if digits.count <= 18 {  // 10^18 - 1 < Int64.max: no overflow possible
            var value = 0
            for index in digits { value = value &* 10 &+ Int(bytes[index] &- UInt8(ascii: "0")) }
            return .int(negative ? -value : value)
        }
        var magnitude: UInt64 = 0
        var overflow = digits.count > 20
        for index in digits where !overflow {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[index] &- UInt8(ascii: "0")))
            magnitude = sum
            overflow = o1 || o2
        }
        if !overflow {
            if !negative, magnitude <= UInt64(Int.max) { return .int(Int(magnitude)) }
            if negative, magnitude <= UInt64(Int.max) + 1 { return .int(Int(truncatingIfNeeded: 0 &- magnitude)) }
        }
        // The text is already canonical: RFC 8259 has no leading zeros or '+', and "-0" fits.
        return .bigInt(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<digits.upperBound]), as: UTF8.self))
    }

    /// The double for the number just read when Clinger's fast path applies: at most 15
    /// significant digits and a power of ten within ±22, where one IEEE multiplication or
    /// division of two exact values is correctly rounded. `nil` sends the caller to the
    /// general conversion.
    private func fastDouble(start: Int, integerDigits: Range<Int>, negative: Bool) -> Double? {
        var mantissa: UInt64 = 0
        var significant = 0
        var fractionDigits = 0
        var index = integerDigits.lowerBound
        var inFraction = false
        while index < position {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                inFraction = true
            } else if isDigit(byte) {
                if mantissa != 0 || byte != UInt8(ascii: "0") { significant += 1 }
                mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                if inFraction { fractionDigits += 1 }
            } else {
                break  // the exponent marker
            }
            if significant > 15 { return nil }
            index += 1
        }
        var exponent = 0
        if index < position {  // at 'e' or 'E'
            index += 1
            var exponentNegative = false
            if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            while index < position {
                exponent = exponent * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
                if exponent > 400 { return nil }
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        exponent -= fractionDigits
        guard (-22...22).contains(exponent) else { return nil }
        var value = Double(mantissa)
        if exponent < 0 { value /= Self.powersOfTen[-exponent] } else { value *= Self.powersOfTen[exponent] }
        return negative ? -value : value
    }

    /// 10^0 ... 10^22, every one exactly representable as a double.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
