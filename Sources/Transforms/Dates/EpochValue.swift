/// Epoch numbers (seconds or milliseconds) turned into exact milliseconds.
///
/// Done on decimal text rather than with `Double` arithmetic, because S4 floors fractions to
/// milliseconds and binary floating point would turn `1.001` s into 1000.999… ms and so into
/// the wrong millisecond. A JSON double is first printed in its shortest round-trip form,
/// which is the number the sender wrote.
enum EpochValue {
    /// The instant `number` units after the epoch, where one unit is `millisecondsPerUnit` ms.
    static func instant(_ number: JSONNumber, millisecondsPerUnit: Int64) throws(DateReadError) -> Instant {
        switch number {
        case .int(let value):
            let (product, overflow) = Int64(value).multipliedReportingOverflow(by: millisecondsPerUnit)
            guard !overflow, let instant = Instant.representable(product) else { throw outOfRange("\(value)") }
            return instant
        case .bigInt(let text):
            throw outOfRange(text)
        case .double(let value):
            guard value.isFinite else { throw DateReadError(message: "epoch value \(value) is not a finite number") }
            return try instant(text: "\(value)", millisecondsPerUnit: millisecondsPerUnit)
        }
    }

    /// The instant for trimmed decimal text such as `1764338592`, `1764338592.25` or `1.7e9`.
    static func instant(text: Substring, millisecondsPerUnit: Int64) throws(DateReadError) -> Instant {
        guard let decimal = Decimal(Array(text.utf8)) else {
            throw DateReadError(message: "\(DateText.quote(text)) is not an epoch number")
        }
        let scale = millisecondsPerUnit == 1000 ? 3 : 0
        guard let milliseconds = decimal.floor(shiftedBy: scale), let instant = Instant.representable(milliseconds)
        else { throw outOfRange(String(text)) }
        return instant
    }

    private static func outOfRange(_ text: String) -> DateReadError {
        DateReadError(message: "epoch value \(DateText.quote(text)) is outside years 0000–9999")
    }

    /// `±digits × 10^exponent`, read from `[+-]digits[.digits][(e|E)[+-]digits]`.
    struct Decimal {
        var negative: Bool
        /// Significant digits, without leading zeros (empty for zero).
        var digits: [UInt8]
        var exponent: Int

        init?(_ bytes: [UInt8]) {
            var position = 0
            negative = false
            if position < bytes.count, bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
                negative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            var all: [UInt8] = []
            var fractionCount = 0
            let integerCount = DateText.digitRun(bytes, from: position)
            all += bytes[position..<position + integerCount]
            position += integerCount
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                fractionCount = DateText.digitRun(bytes, from: position)
                all += bytes[position..<position + fractionCount]
                position += fractionCount
            }
            guard integerCount + fractionCount > 0 else { return nil }
            var exponent = 0
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                position += 1
                var exponentNegative = false
                if position < bytes.count, bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
                    exponentNegative = bytes[position] == UInt8(ascii: "-")
                    position += 1
                }
                let count = DateText.digitRun(bytes, from: position)
                guard count > 0 else { return nil }
                // Beyond six digits the value is zero-ish or out of range either way.
                for byte in bytes[position..<position + count] where exponent < 1_000_000 {
                    exponent = exponent * 10 + Int(byte - 0x30)
                }
                if exponentNegative { exponent = -exponent }
                position += count
            }
            guard position == bytes.count else { return nil }
            let firstNonZero = all.firstIndex { $0 != UInt8(ascii: "0") } ?? all.count
            digits = Array(all[firstNonZero...])
            self.exponent = exponent - fractionCount
        }

        /// `⌊value × 10^shift⌋`, or `nil` when it does not fit 64 bits.
        func floor(shiftedBy shift: Int) -> Int64? {
            guard !digits.isEmpty else { return 0 }
            let power = exponent + shift
            var kept = digits
            var droppedNonZero = false
            if power < 0 {
                let drop = -power
                if drop >= kept.count {
                    droppedNonZero = true
                    kept = []
                } else {
                    droppedNonZero = kept.suffix(drop).contains { $0 != UInt8(ascii: "0") }
                    kept.removeLast(drop)
                }
            } else {
                guard kept.count + power <= 19 else { return nil }
                kept += Array(repeating: UInt8(ascii: "0"), count: power)
            }
            var value: Int64 = 0
            for byte in kept {
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int64(byte - 0x30))
                guard !overflow1, !overflow2 else { return nil }
                value = sum
            }
            guard negative else { return value }
            return droppedNonZero ? -value - 1 : -value
        }
    }
}
