/// One page of a listing, newest first, and where the next one starts.
package struct Page<Element: Sendable>: Sendable {
    package var items: [Element]
    /// Pass it back to get the next page; nil on the last page. Opaque: only the store that
    /// made it reads it.
    package var nextCursor: String?

    package init(items: [Element], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

extension Page: Equatable where Element: Equatable {}
