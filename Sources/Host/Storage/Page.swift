/// One page of a listing, newest first, and where the next one starts.
public struct Page<Element: Sendable>: Sendable {
    public var items: [Element]
    /// Pass it back to get the next page; nil on the last page. Opaque: only the store that
    /// made it reads it.
    public var nextCursor: String?

    public init(items: [Element], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

extension Page: Equatable where Element: Equatable {}
