import Transforms

/// Which incidents to list (`GET /api/incidents?instance=&type=&since=&limit=&cursor=`).
package struct IncidentQuery: Sendable, Hashable {
    /// Only this instance's incidents; nil for all.
    package var instance: String?
    /// Only incidents of this type; nil for all.
    package var type: String?
    /// Only incidents created at or after this instant; nil for all.
    package var since: Instant?
    /// Page size, 1...500. Default: 50.
    package var limit: Int
    /// The previous page's `nextCursor`; nil for the first page.
    package var cursor: String?

    /// The largest page a caller may ask for.
    package static let maximumLimit = 500

    package init(instance: String? = nil, type: String? = nil, since: Instant? = nil, limit: Int = 50, cursor: String? = nil) {
        self.instance = instance
        self.type = type
        self.since = since
        self.limit = limit
        self.cursor = cursor
    }
}
