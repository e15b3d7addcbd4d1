/// The kinds of `extract` (SEMANTICS S35) and how each is found in one text.
///
/// Patterns are PCRE2 and compiled once per step. Rules a pattern cannot say on its own (URL
/// trailing punctuation and host, IPv6 validity, email local parts that are not domains) are
/// applied to the candidates in Swift, where each rule reads as the table states it.
public enum IndicatorKind: String, CaseIterable, Sendable {
    case url, email, ip, domain, md5, sha1, sha256, cve
}

struct IndicatorScanner: Sendable {
    /// One found indicator: its text and UTF-8 offset, for text order when kinds combine.
    struct Found {
        var offset: Int
        var text: String
    }

    static let label = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    /// A host name of 2 or more labels ending in a letter TLD, not part of a longer one.
    static let hostName = "(?:\(label)\\.)+[A-Za-z]{2,63}(?!\\.?[A-Za-z0-9-])"
    static let octet = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])"
    static let patterns: [IndicatorKind: String] = [
        .url: "(?:https?|ftp)://[^\\s\"'`<>]+",
        .email: "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@\(hostName)",
        .ip: "(?<![0-9.])(?:\(octet)\\.){3}\(octet)(?![0-9]|\\.[0-9])",
        .domain: "(?<![A-Za-z0-9-])\(hostName)",
        .md5: "\\b[0-9A-Fa-f]{32}\\b",
        .sha1: "\\b[0-9A-Fa-f]{40}\\b",
        .sha256: "\\b[0-9A-Fa-f]{64}\\b",
        .cve: "\\bCVE-[0-9]{4}-[0-9]{4,}(?![0-9])",
    ]
    /// IPv6 candidates: whole runs of hex digits, colons and dots with a colon in them.
    static let ipv6Candidate = "(?<![0-9A-Za-z:.])[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?![0-9A-Za-z:.])"

    let kind: IndicatorKind
    let pattern: PCRE2Pattern
    /// `ip`: IPv6 candidates. `domain`: URLs, whose paths hold no domains.
    let helper: PCRE2Pattern?

    init(kind: IndicatorKind) throws(RegexError) {
        self.kind = kind
        let caseless: RegexOptions = kind == .url || kind == .cve ? .caseless : []
        pattern = try PCRE2Pattern(Self.patterns[kind] ?? "", options: caseless)
        switch kind {
        case .ip: helper = try PCRE2Pattern(Self.ipv6Candidate)
        case .domain: helper = try PCRE2Pattern(Self.patterns[.url] ?? "", options: .caseless)
        default: helper = nil
        }
    }

    /// Every indicator of the kind in `text`, in text order, duplicates included.
    func scan(_ text: String) throws(RegexError) -> [String] {
        switch kind {
        case .url: return try urls(in: text).map(\.text)
        case .ip: return try ips(in: text).map(\.text)
        case .domain: return try domains(in: text)
        case .cve: return try pattern.allMatches(in: text).map { $0.wholeMatch.uppercased() }
        case .email, .md5, .sha1, .sha256: return try pattern.allMatches(in: text).map(\.wholeMatch)
        }
    }

    /// URLs with their trailing punctuation removed and a non-empty host; `host` is the
    /// UTF-8 range of the host name within the text.
    func urls(in text: String, using urlPattern: PCRE2Pattern? = nil) throws(RegexError) -> [(text: String, range: Range<Int>, host: Range<Int>)] {
        var found: [(text: String, range: Range<Int>, host: Range<Int>)] = []
        for match in try (urlPattern ?? pattern).allMatches(in: text) {
            var bytes = Array(match.wholeMatch.utf8)
            while let last = bytes.last, Self.trailing.contains(last) { bytes.removeLast() }
            guard let host = Self.hostRange(in: bytes) else { continue }
            let start = match.range.lowerBound
            found.append(
                (
                    String(decoding: bytes, as: UTF8.self), start..<start + bytes.count,
                    start + host.lowerBound..<start + host.upperBound
                ))
        }
        return found
    }

    /// `. , ; : ! ? ) ]`: removed from the end of a URL.
    static let trailing: Set<UInt8> = Set(".,;:!?)]".utf8)

    /// The host within URL bytes: after `scheme://` and any `user@`, up to a port, path, query
    /// or fragment; `nil` when empty.
    static func hostRange(in url: [UInt8]) -> Range<Int>? {
        guard let schemeEnd = url.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let authorityStart = schemeEnd + 3
        guard authorityStart <= url.count else { return nil }
        let authorityEnd = url[authorityStart...].firstIndex { "/?#".utf8.contains($0) } ?? url.count
        var hostStart = authorityStart
        if let at = url[authorityStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) { hostStart = at + 1 }
        var hostEnd = authorityEnd
        if url[hostStart..<authorityEnd].first != UInt8(ascii: "["),
            let colon = url[hostStart..<authorityEnd].firstIndex(of: UInt8(ascii: ":"))
        {
            hostEnd = colon
        }
        return hostStart < hostEnd ? hostStart..<hostEnd : nil
    }

    /// IPv4 quads and valid IPv6 addresses in text order; a quad inside an IPv6 address
    /// (`::ffff:1.2.3.4`) is part of it, not a second indicator.
    func ips(in text: String) throws(RegexError) -> [Found] {
        var v6: [(range: Range<Int>, text: String)] = []
        for match in try helper?.allMatches(in: text) ?? [] {
            if let address = Self.ipv6(match.wholeMatch) {
                v6.append((match.range.lowerBound..<match.range.lowerBound + address.utf8.count, address))
            }
        }
        var found = v6.map { Found(offset: $0.range.lowerBound, text: $0.text) }
        for match in try pattern.allMatches(in: text) where !v6.contains(where: { $0.range.overlaps(match.range) }) {
            found.append(Found(offset: match.range.lowerBound, text: match.wholeMatch))
        }
        return found.sorted { $0.offset < $1.offset }
    }

    /// The IPv6 address a candidate run holds, allowing for sentence punctuation after it.
    static func ipv6(_ candidate: String) -> String? {
        var text = candidate[...]
        while text.hasSuffix(".") { text = text.dropLast() }
        if IPAddress.parseV6(String(text)) != nil { return String(text) }
        if text.hasSuffix(":") && !text.hasSuffix("::"), IPAddress.parseV6(String(text.dropLast())) != nil {
            return String(text.dropLast())
        }
        return nil
    }

    /// Host names in text order: stand-alone ones, email domains and URL hosts, but never an
    /// email's local part nor a name inside a URL's path or query.
    func domains(in text: String) throws(RegexError) -> [String] {
        var urls: [(text: String, range: Range<Int>, host: Range<Int>)] = []
        if let helper { urls = try self.urls(in: text, using: helper) }
        let bytes = Array(text.utf8)
        var found: [String] = []
        for match in try pattern.allMatches(in: text) {
            if let url = urls.first(where: { $0.range.overlaps(match.range) }), url.host != match.range { continue }
            if Self.isLocalPart(endingAt: match.range.upperBound, in: bytes) { continue }
            found.append(match.wholeMatch)
        }
        return found
    }

    /// Whether the characters after a name run on, through local-part characters, into `@`.
    static func isLocalPart(endingAt end: Int, in bytes: [UInt8]) -> Bool {
        var index = end
        while index < bytes.count, localPart.contains(bytes[index]) { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: "@")
    }

    static let localPart: Set<UInt8> = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-".utf8)
}
