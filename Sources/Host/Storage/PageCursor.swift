import Foundation

/// The position after the last row of a page, as an opaque token.
///
/// Keyset pagination (the sort key of the last row, not an offset) is what keeps cursors
/// stable under concurrent inserts: new rows sort before or after the boundary, and never
/// shift rows across it. The token is base64url so callers treat it as opaque, and is
/// checked on the way back in so a hand-edited cursor is a clear error, not a wrong page:
/// it must be exactly the text `token` writes.
struct PageCursor: Hashable, Sendable {
    /// The sort key of the last row: for incidents `[created, id]`, for quarantine `[id]`.
    var key: [Int64]

    private static let prefix = "v1"

    init(key: [Int64]) {
        self.key = key
    }

    /// Reads a token made by `token`, expecting `count` key parts.
    /// - Throws: `StoreError` (invalid cursor) for anything else.
    init(token: String, count: Int) throws {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard token.count <= 200,
            let data = Data(base64Encoded: base64),
            let text = String(data: data, encoding: .utf8)
        else { throw StoreError(.invalidCursor) }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == count + 1, parts[0] == Self.prefix else { throw StoreError(.invalidCursor) }
        let key = parts.dropFirst().compactMap { Int64($0) }
        // Only the exact text `token` writes, with sort keys a row can have: a cursor that was
        // edited, re-padded or written by hand in another form is refused, never read as
        // some other page.
        guard key.count == count, key.allSatisfy({ $0 >= 0 }), PageCursor(key: key).token == token else {
            throw StoreError(.invalidCursor)
        }
        self.key = key
    }

    /// The opaque text handed to callers as `next_cursor`.
    var token: String {
        let text = ([Self.prefix] + key.map(String.init)).joined(separator: ":")
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
