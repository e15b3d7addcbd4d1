import Transforms

/// `application/x-www-form-urlencoded` bodies (SPEC §4): one object of their fields.
enum FormBody {
    /// The fields of `body`: `+` is a space, `%XX` a byte, the result UTF-8; a repeated key
    /// gives an array of its values.
    ///
    /// - Throws: `BodyParseError` for a bad `%` escape or bytes that are not UTF-8.
    static func parse(_ body: [UInt8]) throws(BodyParseError) -> JSON {
        var fields = FormFields()
        var start = 0
        while start <= body.count {
            let end = body[start...].firstIndex(of: UInt8(ascii: "&")) ?? body.count
            if end > start {
                let pair = body[start..<end]
                let equals = pair.firstIndex(of: UInt8(ascii: "="))
                let key = try decode(pair[..<(equals ?? end)], at: start)
                let value = try equals.map { equals throws(BodyParseError) in try decode(pair[(equals + 1)...], at: equals + 1) } ?? ""
                fields.add(key, .string(value))
            }
            start = end + 1
        }
        return .object(fields.object)
    }

    /// One percent-decoded component.
    static func decode(_ bytes: ArraySlice<UInt8>, at offset: Int) throws(BodyParseError) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                decoded.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex,
                    let high = HMACVerifier.nibble(bytes[index + 1]), let low = HMACVerifier.nibble(bytes[index + 2])
                else {
                    throw BodyParseError("'%' must be followed by two hex digits", at: index)
                }
                decoded.append(high << 4 | low)
                index += 2
            } else {
                decoded.append(byte)
            }
            index += 1
        }
        guard let text = String(validating: decoded, as: UTF8.self) else {
            throw BodyParseError("a field is not UTF-8", at: offset)
        }
        return text
    }
}
