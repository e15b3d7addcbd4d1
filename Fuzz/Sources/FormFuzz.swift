import Transforms

/// The form decoder (`FormURLEncoded.decodeStrictly`), as the listener reads an
/// `application/x-www-form-urlencoded` body.
///
/// Property: a body that decodes, encoded again (every byte of every key and value
/// percent-escaped, a list as its repeated key), decodes to the same object; a body that does
/// not decode is refused at a byte offset inside it.
enum FormFuzz {
    static func check(_ input: [UInt8]) {
        let object: JSONObject
        do {
            object = try FormURLEncoded.decodeStrictly(input)
        } catch {
            require((0..<max(input.count, 1)).contains(error.offset), "form error offset \(error.offset) outside the \(input.count) bytes: \(error)")
            return
        }
        let encoded = encode(object)
        guard let again = try? FormURLEncoded.decodeStrictly(encoded) else {
            fail("the re-encoded form does not decode: \(String(decoding: encoded.prefix(200), as: UTF8.self))")
        }
        require(again == object, "form round trip changed the fields: \(String(decoding: encoded.prefix(200), as: UTF8.self))")
    }

    /// `object` as a form body: `k=v&k=v…`, every byte escaped as `%XX`.
    static func encode(_ object: JSONObject) -> [UInt8] {
        var body: [UInt8] = []
        for (key, value) in object.members {
            let values: [JSON] = if case .array(let list) = value { list } else { [value] }
            for case .string(let text) in values {
                if !body.isEmpty { body.append(UInt8(ascii: "&")) }
                escape(key, into: &body)
                body.append(UInt8(ascii: "="))
                escape(text, into: &body)
            }
        }
        return body
    }

    static func escape(_ text: String, into body: inout [UInt8]) {
        let digits = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            body += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
        }
    }
}
