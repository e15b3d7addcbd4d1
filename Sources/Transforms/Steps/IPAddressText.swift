/// Validity of IP address text as `extract: ip` reads it (SEMANTICS S35).
///
/// Kept apart from the scanner so the rules can be tested one by one: an IPv4 octet is
/// `0`–`255` without leading zeros; an IPv6 address is eight groups of 1–4 hex digits, with
/// at most one `::` standing for one or more zero groups, and optionally a dotted IPv4 in
/// place of the last two groups.
enum IPAddressText {
    static func isIPv4(_ text: Substring) -> Bool {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy(isOctet)
    }

    static func isOctet(_ text: Substring) -> Bool {
        guard (1...3).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        guard text.count == 1 || text.first != "0" else { return false }
        return Int(text).map { $0 <= 255 } ?? false
    }

    static func isIPv6(_ text: Substring) -> Bool {
        var groups = 0
        var body = text
        // A trailing dotted IPv4 counts as two groups.
        if let lastColon = body.lastIndex(of: ":"), body[body.index(after: lastColon)...].contains(".") {
            guard isIPv4(body[body.index(after: lastColon)...]) else { return false }
            groups += 2
            body = body[...lastColon]
            // `::1.2.3.4` keeps its `::`; `a:b:…:1.2.3.4` leaves a trailing `:` to drop.
            if !body.hasSuffix("::") { body = body.dropLast() }
        }
        let halves = body.split(separator: "::", omittingEmptySubsequences: false)
        switch halves.count {
        case 1:
            guard let explicit = hexGroups(halves[0]) else { return false }
            return explicit + groups == 8
        case 2:
            guard let left = hexGroups(halves[0]), let right = hexGroups(halves[1]) else { return false }
            return left + right + groups <= 7
        default:
            return false
        }
    }

    /// The number of `:`-separated groups of 1–4 hex digits (0 for empty text), or `nil`.
    static func hexGroups(_ text: Substring) -> Int? {
        guard !text.isEmpty else { return 0 }
        let groups = text.split(separator: ":", omittingEmptySubsequences: false)
        for group in groups {
            guard (1...4).contains(group.count), group.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        }
        return groups.count
    }
}
