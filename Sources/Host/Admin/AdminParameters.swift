import Hummingbird
import HummingbirdCore
import Transforms

/// The query parameters of an admin request, read strictly: a value that does not parse is a
/// `400` that names the parameter and what it takes, never a silently different answer.
struct AdminParameters {
    private let query: FlatDictionary<Substring, Substring>

    init(_ request: Request) {
        query = request.uri.queryParameters
    }

    /// The largest `limit` any listing takes (the store's page bound).
    static let maximumLimit = IncidentQuery.maximumLimit

    /// A text parameter; absent or empty is nil (`?instance=` means no filter).
    func text(_ name: String) -> String? {
        guard let value = query[Substring(name)], !value.isEmpty else { return nil }
        return String(value)
    }

    /// `limit`: a whole number from 1 to 500.
    func limit(default defaultValue: Int = 50) throws(IngestError) -> Int {
        guard let text = text("limit") else { return defaultValue }
        guard let limit = Int(text), (1...Self.maximumLimit).contains(limit) else {
            throw IngestError(
                .badRequest, "limit: '\(IngestError.printable(text))' is not a whole number from 1 to \(Self.maximumLimit).")
        }
        return limit
    }

    /// `since`: an RFC 3339 instant such as `2026-11-28T14:03:12Z`.
    func since() throws(IngestError) -> Instant? {
        guard let text = text("since") else { return nil }
        guard let instant = ISO8601.parse(text, zone: nil) else {
            throw IngestError(
                .badRequest,
                "since: '\(IngestError.printable(text))' is not an RFC 3339 instant such as 2026-11-28T14:03:12Z "
                    + "(write + as %2B in a URL).")
        }
        return instant
    }

    /// A switch such as `raw` or `explain`: `1`/`true` (or present with no value) on,
    /// `0`/`false` off.
    func flag(_ name: String) throws(IngestError) -> Bool {
        guard let value = query[Substring(name)] else { return false }
        switch value.lowercased() {
        case "", "1", "true", "yes": return true
        case "0", "false", "no": return false
        default:
            throw IngestError(.badRequest, "\(name): '\(IngestError.printable(String(value)))' is not 1 or 0.")
        }
    }
}
