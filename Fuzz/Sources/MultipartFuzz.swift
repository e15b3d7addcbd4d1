import Transforms

/// The multipart decoder (`MultipartFormData.parse`), as the listener reads a
/// `multipart/form-data` body. The boundary is the input's first line after `--`, as a real
/// body starts with its first delimiter (a fixed one when that line is no boundary).
///
/// Property: a body that decodes, written again as multipart (text fields as text parts,
/// uploads as parts of their recorded size), decodes to the same object; a body that does not
/// decode is refused at a byte offset inside it.
enum MultipartFuzz {
    static func check(_ input: [UInt8]) {
        let boundary = boundary(of: input)
        let value: JSON
        do {
            value = try MultipartFormData.parse(input, boundary: boundary)
        } catch {
            require((0...input.count).contains(error.offset), "multipart error offset \(error.offset) outside 0...\(input.count): \(error)")
            return
        }
        guard case .object(let fields) = value else { fail("multipart gave \(value.kindName), not an object") }
        // Names and file descriptions with quotes, ';' or line breaks have no way through a
        // Content-Disposition this decoder reads, so the round trip skips such bodies.
        guard let body = encode(fields) else { return }
        guard let again = try? MultipartFormData.parse(body.bytes, boundary: body.boundary) else {
            fail("the re-encoded multipart body does not decode: \(String(decoding: body.bytes.prefix(300), as: UTF8.self))")
        }
        require(again == value, "multipart round trip changed the fields: \(String(decoding: body.bytes.prefix(300), as: UTF8.self))")
    }

    static func boundary(of input: [UInt8]) -> String {
        guard input.starts(with: Array("--".utf8)) else { return "fuzz" }
        let line = input.dropFirst(2).prefix { $0 != 13 && $0 != 10 }
        guard (1...MultipartFormData.maximumBoundaryLength).contains(line.count), let text = String(validating: line, as: UTF8.self) else {
            return "fuzz"
        }
        return text
    }

    /// `fields` as a multipart body with a boundary found in none of its values.
    static func encode(_ fields: JSONObject) -> (bytes: [UInt8], boundary: String)? {
        var parts: [(headers: String, content: [UInt8])] = []
        for (name, value) in fields.members {
            guard representable(name) else { return nil }
            let values: [JSON] = if case .array(let list) = value { list } else { [value] }
            for value in values {
                switch value {
                case .string(let text):
                    parts.append(("Content-Disposition: form-data; name=\"\(name)\"", Array(text.utf8)))
                case .object(let upload):
                    guard case .string(let filename)? = upload["filename"], case .string(let type)? = upload["content_type"],
                        case .number(.int(let size))? = upload["size"], upload.count == 3
                    else { fail("an upload is described as \(value.serialized())") }
                    guard representable(filename), representable(type) else { return nil }
                    parts.append(
                        (
                            "Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(type)",
                            Array(repeating: UInt8(ascii: "x"), count: size)
                        ))
                default: fail("a multipart field is \(value.kindName)")
                }
            }
        }
        var boundary = "fuzz-boundary"
        while parts.contains(where: { contains($0.content, Array(boundary.utf8)) }) { boundary += "x" }
        guard boundary.utf8.count <= MultipartFormData.maximumBoundaryLength else { return nil }
        var body: [UInt8] = []
        for part in parts {
            body += Array("--\(boundary)\r\n\(part.headers)\r\n\r\n".utf8) + part.content + [13, 10]
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return (body, boundary)
    }

    static func representable(_ text: String) -> Bool {
        !text.isEmpty && !text.contains(where: { $0 == "\"" || $0 == ";" || $0.isNewline })
            && text.first?.isWhitespace == false && text.last?.isWhitespace == false
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.count >= needle.count && (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
