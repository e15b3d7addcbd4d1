/// Checks and paging shared by every store's listings, so both answer a bad limit alike.
enum StoreListing {
    static func checked(limit: Int) throws -> Int {
        guard (1...IncidentQuery.maximumLimit).contains(limit) else {
            throw StoreError(.invalidQuery("limit must be between 1 and \(IncidentQuery.maximumLimit)"))
        }
        return limit
    }

    /// The first `limit` rows, and a cursor after the last of them when more rows follow
    /// (the query fetched one extra to know).
    static func page<Element>(_ rows: [(Element, key: [Int64])], limit: Int) -> Page<Element> {
        guard rows.count > limit else { return Page(items: rows.map(\.0), nextCursor: nil) }
        let kept = rows.prefix(limit)
        return Page(items: kept.map(\.0), nextCursor: kept.last.map { PageCursor(key: $0.key).token })
    }

    /// The quarantine row numbers of `ids`.
    /// - Throws: `StoreError` (invalid identifier) for an id that is not a quarantine id.
    static func quarantineNumbers(_ ids: [String]) throws -> [Int64] {
        try ids.map { id in
            guard let number = StoreIdentifier.quarantine.number(id) else {
                throw StoreError(.invalidIdentifier("not a quarantine id (they look like q17)"))
            }
            return number
        }
    }
}
