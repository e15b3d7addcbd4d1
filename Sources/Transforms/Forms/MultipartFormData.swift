import Foundation

/// `multipart/form-data` bodies (SPEC §4): one object of their fields.
///
/// Text parts become strings; a part with a `filename` (a file upload) becomes
/// `{filename, content_type, size}` — its bytes are never kept, so an upload cannot smuggle
/// a file into the store. A repeated field name gives an array.
///
/// It lives beside the form decoder, not in the listener, so that it is fuzzed without NIO
/// (Fuzz/Sources/MultipartFuzz.swift).
///
/// The parse is one forward pass: each search for the next boundary starts where the last
/// one ended, and the boundary is at most 70 bytes (RFC 2046), so a body of thousands of
/// small parts costs what its bytes cost.
package enum MultipartFormData {
    /// The longest boundary RFC 2046 allows; a longer one is refused before the body is read.
    package static let maximumBoundaryLength = 70

    package static func parse(_ body: [UInt8], boundary: String) throws(FormDecodingError) -> JSON {
        let delimiter = Array("--\(boundary)".utf8)
        guard var position = find(delimiter, in: body, from: 0) else {
            throw FormDecodingError("the boundary does not occur", at: 0)
        }
        // A delimiter is a line of its own: the bytes before it, up to LF, end the last part.
        let lineDelimiter = [UInt8(ascii: "\n")] + delimiter
        var fields = FormFields()
        while true {
            position += delimiter.count
            if body[position...].starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]) { break }
            position = skipLineEnd(body, position) ?? position
            let partStart = position
            guard let next = find(lineDelimiter, in: body, from: partStart) else {
                throw FormDecodingError("a part has no closing boundary", at: partStart)
            }
            let partEnd = next > partStart && body[next - 1] == UInt8(ascii: "\r") ? next - 1 : next
            try addPart(body[partStart..<partEnd], to: &fields)
            position = next + 1
        }
        return .object(fields.object)
    }

    /// One part: its header lines, a blank line, its content.
    static func addPart(_ part: ArraySlice<UInt8>, to fields: inout FormFields) throws(FormDecodingError) {
        guard let (headerEnd, contentStart) = blankLine(in: part) else {
            throw FormDecodingError("a part's headers do not end", at: part.startIndex)
        }
        guard headerEnd > part.startIndex else {
            throw FormDecodingError("a part has no Content-Disposition", at: part.startIndex)
        }
        guard let headerText = String(validating: part[part.startIndex..<headerEnd], as: UTF8.self) else {
            throw FormDecodingError("part headers are not UTF-8", at: part.startIndex)
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
            let name = MediaTypeParameters.value(of: "name", in: parameters.dropFirst())
        else {
            throw FormDecodingError("a part has no 'Content-Disposition: form-data; name=…'", at: part.startIndex)
        }
        let content = part[contentStart...]
        if let filename = MediaTypeParameters.value(of: "filename", in: parameters.dropFirst()) {
            fields.add(
                name,
                [
                    "filename": .string(filename),
                    "content_type": .string(contentType ?? "application/octet-stream"),
                    "size": .number(.int(content.count)),
                ])
        } else {
            guard let text = String(validating: content, as: UTF8.self) else {
                throw FormDecodingError("field '\(name)' is not UTF-8", at: contentStart)
            }
            fields.add(name, .string(text))
        }
    }

    /// Where a part's headers end and its content starts: the first empty line (CRLF or LF),
    /// found in one scan. A part that starts with its blank line has no headers.
    static func blankLine(in part: ArraySlice<UInt8>) -> (headerEnd: Int, contentStart: Int)? {
        if part.starts(with: [13, 10]) { return (part.startIndex, part.startIndex + 2) }
        if part.starts(with: [10]) { return (part.startIndex, part.startIndex + 1) }
        var index = part.startIndex
        while let lineFeed = part[index...].firstIndex(of: 10) {
            let next = lineFeed + 1
            if part[next...].starts(with: [13, 10]) { return (lineFeed, next + 2) }
            if part[next...].starts(with: [10]) { return (lineFeed, next + 1) }
            index = next
        }
        return nil
    }

    /// The index where `needle` starts in `haystack` at or after `start`.
    ///
    /// A plain scan: its cost is the haystack's length times at most the needle's, and the
    /// needle is a boundary of at most 72 bytes.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        let last = haystack.count - needle.count
        var index = start
        while index <= last, let candidate = haystack[index...last].firstIndex(of: first) {
            if haystack[candidate..<(candidate + needle.count)].elementsEqual(needle) { return candidate }
            index = candidate + 1
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
