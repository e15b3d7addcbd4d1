/// An IPv4 or IPv6 address read strictly and printed canonically (SEMANTICS S68, RFC 5952).
///
/// Written by hand rather than through `inet_pton` because the rules differ: leading zeros in
/// IPv4 (`010.1.1.1`) are refused, zone ids, brackets and prefixes are refused, and the text
/// form must be RFC 5952's whatever the platform prints.
public struct IPAddress: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case v4(UInt32)
        case v6([UInt16])
    }

    public var kind: Kind

    public init?(_ text: String) {
        if let v4 = IPAddress.parseV4(Substring(text)) {
            kind = .v4(v4)
        } else if let v6 = IPAddress.parseV6(text) {
            kind = .v6(v6)
        } else {
            return nil
        }
    }

    static func parseV4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCIIDigit),
                part.count == 1 || part.first != "0", let octet = UInt32(part), octet <= 255
            else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    static func parseV6(_ text: String) -> [UInt16]? {
        guard text.contains(":"), !text.contains("%"), !text.contains("/"), !text.contains("[") else { return nil }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        let halves = text.components(separatedByString: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String, allowV4: Bool) -> [UInt16]? {
            guard !part.isEmpty else { return [] }
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            var result: [UInt16] = []
            for (index, piece) in pieces.enumerated() {
                if allowV4, index == pieces.count - 1, piece.contains(".") {
                    guard let v4 = parseV4(piece) else { return nil }
                    result += [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
                    continue
                }
                guard (1...4).contains(piece.count), piece.allSatisfy(\.isHexDigit), let group = UInt16(piece, radix: 16) else { return nil }
                result.append(group)
            }
            return result
        }
        if halves.count == 2 {
            guard let first = groups(halves[0], allowV4: false), let second = groups(halves[1], allowV4: true) else { return nil }
            head = first
            tail = second
            guard head.count + tail.count <= 7 else { return nil }
            return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard let all = groups(text, allowV4: true), all.count == 8 else { return nil }
        return all
    }

    /// RFC 5952: lower-case hex, no leading zeros, the longest run (two or more) of zero
    /// groups as `::` (the first on a tie), IPv4-mapped as `::ffff:1.2.3.4`.
    public var canonical: String {
        switch kind {
        case .v4(let value):
            return [24, 16, 8, 0].map { String(value >> UInt32($0) & 0xFF) }.joined(separator: ".")
        case .v6(let groups):
            if groups[0..<5].allSatisfy({ $0 == 0 }) && groups[5] == 0xFFFF {
                let v4 = UInt32(groups[6]) << 16 | UInt32(groups[7])
                return "::ffff:" + IPAddress(kind: .v4(v4)).canonical
            }
            var bestStart = -1, bestLength = 0, index = 0
            while index < 8 {
                if groups[index] == 0 {
                    let start = index
                    while index < 8 && groups[index] == 0 { index += 1 }
                    if index - start > bestLength { bestStart = start; bestLength = index - start }
                } else {
                    index += 1
                }
            }
            let hex = groups.map { String($0, radix: 16) }
            guard bestLength >= 2 else { return hex.joined(separator: ":") }
            let left = hex[..<bestStart].joined(separator: ":")
            let right = hex[(bestStart + bestLength)...].joined(separator: ":")
            return left + "::" + right
        }
    }

    init(kind: Kind) { self.kind = kind }
}

extension String {
    /// Splits on a multi-character separator, keeping empty pieces.
    func components(separatedByString separator: String) -> [String] {
        var pieces: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            pieces.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        pieces.append(String(rest))
        return pieces
    }
}
