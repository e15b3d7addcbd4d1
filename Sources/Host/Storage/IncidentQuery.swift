import Transforms

/// Which incidents to list (`GET /api/incidents?instance=&type=&since=&limit=&cursor=`).
public struct IncidentQuery: Sendable, Hashable {
    /// Only this instance's incidents; nil for all.
    public var instance: String?
    /// Only incidents of this type; nil for all.
    public var type: String?
    /// Only incidents created at or after this instant; nil for all.
    public var since: Instant?
    /// Page size, 1...500. Default: 50.
    public var limit: Int
    /// The previous page's `nextCursor`; nil for the first page.
    public var cursor: String?

    /// The largest page a caller may ask for.
    public static let maximumLimit = 500

    public init(instance: String? = nil, type: String? = nil, since: Instant? = nil, limit: Int = 50, cursor: String? = nil) {
        self.instance = instance
        self.type = type
        self.since = since
        self.limit = limit
        self.cursor = cursor
    }
}
