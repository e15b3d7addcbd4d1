/// Which quarantined payloads to list (`GET /api/quarantine`, `intake replay`).
package struct QuarantineQuery: Sendable, Hashable {
    /// Only this instance's payloads; nil for all.
    package var instance: String?
    /// Whether payloads already resolved by a replay are listed too. Default: false.
    package var includeResolved: Bool
    /// Page size, 1...500. Default: 50.
    package var limit: Int
    /// The previous page's `nextCursor`; nil for the first page.
    package var cursor: String?

    package init(instance: String? = nil, includeResolved: Bool = false, limit: Int = 50, cursor: String? = nil) {
        self.instance = instance
        self.includeResolved = includeResolved
        self.limit = limit
        self.cursor = cursor
    }
}
