/// Decoding of `application/x-www-form-urlencoded` bytes: the one decoder, for the
/// `parse_form` step (S45) and for form bodies at the listener (SPEC §4).
///
/// One pass over the bytes and one dictionary lookup per pair, so a body of 50,000 fields
/// costs what its bytes cost (a per-key scan of the object built so far made such a body
/// take seconds of CPU).
package enum FormURLEncoded {
    /// The pairs of `text` as an object in first-appearance order, as `parse_form` reads them.
    ///
    /// No text is an error, as in browsers: a `%` not followed by two hex digits stays
    /// literal, and bytes that are not UTF-8 become U+FFFD.
    static func decode(_ text: String) -> JSONObject {
        decode(Array(text.utf8)) { _ in }
    }

    /// The pairs of a form body; a malformed escape or a field that is not UTF-8 is an error
    /// naming its byte offset, so the sender learns what to fix (`400`).
    package static func decodeStrictly(_ bytes: [UInt8]) throws(FormDecodingError) -> JSONObject {
        try decode(bytes) { error throws(FormDecodingError) in throw error }
    }

    /// The pairs of `bytes`: split at `&` (empty pairs skipped), a pair without `=` has the
    /// value `""`, `+` is a space, `%XX` a byte; a key given twice or more becomes the list of
    /// its values.
    ///
    /// - Parameter malformed: told of each malformed escape or non-UTF-8 component; when it
    ///   returns, the lenient reading is used.
    static func decode<Failure: Error>(
        _ bytes: [UInt8], malformed: (FormDecodingError) throws(Failure) -> Void
    ) throws(Failure) -> JSONObject {
        var fields = FormFields()
        var decoded: [UInt8] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.count
            if end > start {
                let equals = bytes[start..<end].firstIndex(of: UInt8(ascii: "="))
                let key = try component(bytes[start..<(equals ?? end)], into: &decoded, malformed: malformed)
                let value =
                    try equals.map { equals throws(Failure) in
                        try component(bytes[(equals + 1)..<end], into: &decoded, malformed: malformed)
                    } ?? ""
                fields.add(key, .string(value))
            }
            start = end + 1
        }
        return fields.object
    }

    /// One percent-decoded key or value; `decoded` is scratch space reused across components.
    private static func component<Failure: Error>(
        _ bytes: ArraySlice<UInt8>, into decoded: inout [UInt8], malformed: (FormDecodingError) throws(Failure) -> Void
    ) throws(Failure) -> String {
        decoded.removeAll(keepingCapacity: true)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                if index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                    decoded.append(high << 4 | low)
                    index += 3
                    continue
                }
                try malformed(FormDecodingError("'%' must be followed by two hex digits", at: index))
            }
            decoded.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        if let text = String(validating: decoded, as: UTF8.self) { return text }
        try malformed(FormDecodingError("a field is not UTF-8", at: bytes.startIndex))
        return String(decoding: decoded, as: UTF8.self)
    }

    /// The value of a hex digit (either case), or nil.
    package static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// A form body that is not valid `application/x-www-form-urlencoded`, with the byte offset of
/// the problem.
package struct FormDecodingError: Error, Equatable, CustomStringConvertible {
    package var offset: Int
    package var message: String

    package init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    package var description: String { "\(message) at byte \(offset)" }
}
