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
        let text = string.trimmingWhitespace()
        guard let separator = text.firstRange(of: "://") else { throw CoercionError.not("a URL (scheme://host)", value) }
        let scheme = text[..<separator.lowerBound]
        guard let first = scheme.unicodeScalars.first, first.isASCIILetter,
            scheme.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == "+" || $0 == "-" || $0 == "." })
        else { throw CoercionError.not("a URL (scheme://host)", value) }
        let rest = text[separator.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        guard !host.isEmpty, !host.hasPrefix(":"), !text.unicodeScalars.contains(where: \.isWhitespaceFast) else {
            throw CoercionError.not("a URL (scheme://host, no spaces)", value)
        }
        return text
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
