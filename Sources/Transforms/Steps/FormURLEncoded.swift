/// Decoding of `application/x-www-form-urlencoded` text as `parse_form` reads it (S45).
enum FormURLEncoded {
    /// The pairs of `text` as an object in first-appearance order.
    ///
    /// Pairs are split at `&` (empty pairs are skipped), a pair without `=` has the value
    /// `""`, `+` is a space, and `%XX` is a byte. A `%` not followed by two hex digits stays
    /// literal and bytes that are not UTF-8 become U+FFFD, so no text is an error, as in
    /// browsers. A key given twice or more becomes the list of its values.
    static func decode(_ text: String) -> JSONObject {
        var object = JSONObject()
        for pair in text.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let key = percentDecoded(pair[pair.startIndex..<(equals ?? pair.endIndex)])
            let value = equals.map { percentDecoded(pair[pair.index(after: $0)...]) } ?? ""
            switch object[key] {
            case nil: object[key] = .string(value)
            case .array(var values)?:
                values.append(.string(value))
                object[key] = .array(values)
            case let first?: object[key] = .array([first, .string(value)])
            }
        }
        return object
    }

    static func percentDecoded(_ bytes: Substring.UTF8View.SubSequence) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"),
                let high = bytes.index(index, offsetBy: 1, limitedBy: bytes.endIndex), high != bytes.endIndex,
                let low = bytes.index(high, offsetBy: 1, limitedBy: bytes.endIndex), low != bytes.endIndex,
                let h = hexValue(bytes[high]), let l = hexValue(bytes[low])
            {
                decoded.append(h << 4 | l)
                index = bytes.index(after: low)
                continue
            }
            decoded.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index = bytes.index(after: index)
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
