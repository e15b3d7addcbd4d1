import Foundation
import Transforms

/// `multipart/form-data` bodies (SPEC §4): one object of their fields.
///
/// Text parts become strings; a part with a `filename` (a file upload) becomes
/// `{filename, content_type, size}` — its bytes are never kept, so an upload cannot smuggle
/// a file into the store. A repeated field name gives an array.
enum MultipartBody {
    static func parse(_ body: [UInt8], boundary: String) throws(BodyParseError) -> JSON {
        let delimiter = Array("--\(boundary)".utf8)
        guard var position = find(delimiter, in: body, from: 0) else {
            throw BodyParseError("the boundary does not occur", at: 0)
        }
        var fields = FormFields()
        while true {
            position += delimiter.count
            if body[position...].starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]) { break }
            position = skipLineEnd(body, position) ?? position
            let partStart = position
            guard let next = find([13, 10] + delimiter, in: body, from: position) ?? find([10] + delimiter, in: body, from: position) else {
                throw BodyParseError("a part has no closing boundary", at: partStart)
            }
            try addPart(body[partStart..<next], to: &fields)
            position = body[next] == 13 ? next + 2 : next + 1
        }
        return .object(fields.object)
    }

    /// One part: its header lines, a blank line, its content.
    static func addPart(_ part: ArraySlice<UInt8>, to fields: inout FormFields) throws(BodyParseError) {
        let headerEnd: Int
        let contentStart: Int
        if let crlf = find([13, 10, 13, 10], in: part, from: part.startIndex) {
            (headerEnd, contentStart) = (crlf, crlf + 4)
        } else if let lf = find([10, 10], in: part, from: part.startIndex) {
            (headerEnd, contentStart) = (lf, lf + 2)
        } else if part.starts(with: [13, 10]) || part.starts(with: [10]) {
            throw BodyParseError("a part has no Content-Disposition", at: part.startIndex)
        } else {
            throw BodyParseError("a part's headers do not end", at: part.startIndex)
        }
        guard let headerText = String(validating: part[part.startIndex..<headerEnd], as: UTF8.self) else {
            throw BodyParseError("part headers are not UTF-8", at: part.startIndex)
        }
        var disposition: String?
        var contentType: String?
        for line in headerText.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "content-disposition" { disposition = value }
            if name == "content-type" { contentType = value }
        }
        let parameters = disposition.map { $0.split(separator: ";", omittingEmptySubsequences: false) } ?? []
        guard let first = parameters.first, first.trimmingCharacters(in: .whitespaces).lowercased() == "form-data",
            let name = BodyKind.parameter("name", in: parameters.dropFirst())
        else {
            throw BodyParseError("a part has no 'Content-Disposition: form-data; name=…'", at: part.startIndex)
        }
        let content = part[contentStart...]
        if let filename = BodyKind.parameter("filename", in: parameters.dropFirst()) {
            fields.add(name, [
                "filename": .string(filename),
                "content_type": .string(contentType ?? "application/octet-stream"),
                "size": .number(.int(content.count)),
            ])
        } else {
            guard let text = String(validating: content, as: UTF8.self) else {
                throw BodyParseError("field '\(name)' is not UTF-8", at: contentStart)
            }
            fields.add(name, .string(text))
        }
    }

    /// The index where `needle` starts in `haystack` at or after `start`.
    static func find<Bytes: RandomAccessCollection<UInt8>>(_ needle: [UInt8], in haystack: Bytes, from start: Int) -> Int?
    where Bytes.Index == Int {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == needle[0] {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    /// The position after a CRLF or LF at `position`, if there is one.
    static func skipLineEnd(_ body: [UInt8], _ position: Int) -> Int? {
        if body[position...].starts(with: [13, 10]) { return position + 2 }
        if body[position...].starts(with: [10]) { return position + 1 }
        return nil
    }
}
