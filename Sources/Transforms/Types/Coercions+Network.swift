extension Coercions {
    /// S66: trimmed, `mailto:` removed, `local@domain` with a real domain, lower-cased.
    static func email(_ value: JSON) throws(CoercionError) -> String {
        guard case .string(let string) = value else { throw CoercionError.not("an email address", value) }
        var text = string.trimmingWhitespace().lowercased()
        if text.hasPrefix("mailto:") { text.removeFirst("mailto:".count) }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty,
            parts[0].unicodeScalars.allSatisfy({ !$0.isWhitespaceFast && $0 != "<" && $0 != ">" && $0 != "," }),
            DomainName.isValid(String(parts[1]), tldLetters: true)
        else {
            throw CoercionError.not("an email address (local@domain.tld)", value)
        }
        return text
    }

    /// S67: `scheme://host…` without white space; kept verbatim once trimmed.
    static func url(_ value: JSON) throws(CoercionError) -> String {
        guard case .string(let string) = value else { throw CoercionError.not("a URL", value) }
        var text = string.trimmingWhitespace()
        switch URLShape.problem(in: &text) {
        case nil: return text
        case .scheme: throw CoercionError.not("a URL (scheme://host)", value)
        case .host: throw CoercionError.not("a URL (scheme://host, no spaces)", value)
        }
    }

    /// S69: trimmed, lower-cased, trailing dot dropped; ASCII labels; not an all-digit TLD.
    static func domain(_ value: JSON) throws(CoercionError) -> String {
        guard case .string(let string) = value else { throw CoercionError.not("a domain name", value) }
        var text = string.trimmingWhitespace().lowercased()
        if text.hasSuffix(".") { text.removeLast() }
        guard DomainName.isValid(text, tldLetters: false) else { throw CoercionError.not("a domain name", value) }
        return text
    }

    /// S68: canonical RFC 5952 text.
    static func ip(_ value: JSON) throws(CoercionError) -> String {
        guard case .string(let string) = value, let address = IPAddress(string.trimmingWhitespace()) else {
            throw CoercionError.not("an IP address", value)
        }
        return address.canonical
    }
}

/// Host-name rules shared by the `email` and `domain` types.
enum DomainName {
    /// At least two labels of 1–63 ASCII letters, digits or hyphens, no hyphen at either end,
    /// at most 253 characters; the TLD not all digits, or (for emails) 2–63 letters.
    static func isValid(_ name: String, tldLetters: Bool) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-",
                label.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == "-" })
            else { return false }
        }
        let tld = labels[labels.count - 1]
        if tldLetters {
            return tld.utf8.count >= 2 && tld.unicodeScalars.allSatisfy(\.isASCIILetter)
        }
        return !tld.allSatisfy(\.isASCIIDigit)
    }
}

/// The shape S67 asks of a URL, checked in one pass over its UTF-8 bytes: every `url` field
/// value and every element of a `list` of URLs passes here.
enum URLShape {
    enum Problem {
        /// No `://`, or a scheme that is not a letter followed by letters, digits, `+`, `-`, `.`.
        case scheme
        /// An empty host, a host that starts with `:`, or white space anywhere.
        case host
    }

    static func problem(in text: inout String) -> Problem? {
        var hasNonASCII = false
        let problem = text.withUTF8 { bytes -> Problem? in
            guard let separator = separatorOffset(in: bytes), let first = bytes.first, isLetter(first) else { return .scheme }
            for byte in bytes[..<separator] where !(isLetter(byte) || isDigit(byte) || byte == 0x2B || byte == 0x2D || byte == 0x2E) {
                return .scheme
            }
            // The host is what follows the last `@` of the authority (user info comes before it).
            var hostStart = separator + 3
            var end = hostStart
            while end < bytes.count, bytes[end] != 0x2F, bytes[end] != 0x3F, bytes[end] != 0x23 {
                if bytes[end] == 0x40 { hostStart = end + 1 }
                end += 1
            }
            guard hostStart < end, bytes[hostStart] != 0x3A else { return .host }
            for byte in bytes {
                if byte >= 0x80 { hasNonASCII = true } else if byte == 0x20 || (0x09...0x0D).contains(byte) { return .host }
            }
            return nil
        }
        if problem == nil, hasNonASCII, text.unicodeScalars.contains(where: \.isWhitespaceFast) { return .host }
        return problem
    }

    /// Where the first `://` starts.
    private static func separatorOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count >= 3 else { return nil }
        for index in 0...(bytes.count - 3) where bytes[index] == 0x3A && bytes[index + 1] == 0x2F && bytes[index + 2] == 0x2F {
            return index
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
}
