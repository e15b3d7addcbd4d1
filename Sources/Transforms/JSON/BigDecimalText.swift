/// Decimal text of arbitrarily large non-negative integers that do not start as decimal text.
///
/// `JSONNumber.bigInt` keeps decimal text; two sources of big integers are not decimal: YAML's
/// `0x…` and `0o…` scalars beyond 64 bits, and doubles beyond 2^63, whose exact integer value
/// the exact numeric order (SEMANTICS S3) compares with a `.bigInt`.
enum BigDecimalText {
    /// Little-endian limbs in base 10^9: small enough that a limb times 2^29 plus a carry
    /// stays within 64 bits.
    private static let base: UInt64 = 1_000_000_000

    /// The canonical decimal text (no leading zeros) of ASCII `digits` in `radix` (2…16).
    static func fromDigits(_ digits: ArraySlice<UInt8>, radix: Int) -> String {
        var limbs: [UInt64] = [0]
        for byte in digits {
            guard let digit = Int(String(UnicodeScalar(byte)), radix: radix) else { continue }
            multiply(&limbs, by: UInt64(radix), adding: UInt64(digit))
        }
        return text(of: limbs)
    }

    /// The exact decimal text of the magnitude of an integral, finite `double` (every double
    /// of magnitude 2^53 or more is integral), such as `1000000000000000019884624838656` for 1e30.
    static func integralMagnitude(of double: Double) -> String {
        let magnitude = double.magnitude
        guard magnitude >= 0x1p52 else { return String(UInt64(magnitude)) }
        // magnitude = significand × 2^shift, with the significand's 53 bits as an integer.
        let significand = UInt64(1) << 52 | magnitude.significandBitPattern
        var shift = Int(magnitude.exponent) - 52
        var limbs = [significand % base, significand / base % base, significand / base / base]
        while shift > 0 {
            let step = min(shift, 29)
            multiply(&limbs, by: UInt64(1) << step, adding: 0)
            shift -= step
        }
        return text(of: limbs)
    }

    /// `limbs = limbs × factor + addend`, with `factor` at most 2^29 and `addend` below `base`.
    private static func multiply(_ limbs: inout [UInt64], by factor: UInt64, adding addend: UInt64) {
        var carry = addend
        for index in limbs.indices {
            let value = limbs[index] * factor + carry
            limbs[index] = value % base
            carry = value / base
        }
        while carry > 0 {
            limbs.append(carry % base)
            carry /= base
        }
    }

    private static func text(of limbs: [UInt64]) -> String {
        var limbs = limbs
        while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
        var text = String(limbs[limbs.count - 1])
        for limb in limbs.dropLast().reversed() {
            let part = String(limb)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return text
    }
}
