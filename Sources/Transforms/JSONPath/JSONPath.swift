/// A compiled RFC 9535 JSONPath query.
///
/// Compiling once and evaluating many times is the point: mappers parse their paths at load
/// time (so a bad path is a load error with an offset), and every payload then runs the
/// compiled form. The value is `Sendable` and immutable, so it can be shared freely.
public struct JSONPath: Sendable {
    /// The query text as written.
    public let text: String
    let query: PathQuery

    /// Parses and type-checks `text` as an RFC 9535 query.
    ///
    /// - Throws: `JSONPathError` with the byte offset of the first problem.
    public init(_ text: String) throws(JSONPathError) {
        var parser = JSONPathParser(text)
        self.query = try parser.parseQuery()
        self.text = text
    }

    /// Whether this is a singular query (RFC 9535 §2.3.5.1: only `.name`, `[name]` and
    /// `[index]` segments), which selects at most one node.
    ///
    /// SEMANTICS S20 gives a singular query's value (or missing) and any other query's list.
    public var isSingular: Bool { query.isSingular }

    /// The selected nodes with their locations, in document order.
    public func select(_ root: JSON) -> [JSONPathNode] {
        PathEvaluator(root: root, tracksLocations: true).select(query, current: root).map {
            JSONPathNode(value: $0.value, location: $0.trail?.locations() ?? [])
        }
    }

    /// The selected nodes' values, in document order (cheaper than `select`: no locations).
    public func values(_ root: JSON) -> [JSON] {
        PathEvaluator(root: root, tracksLocations: false).select(query, current: root).map(\.value)
    }
}

extension JSONPath: CustomStringConvertible {
    public var description: String { text }
}

/// Two queries are equal when their texts are: the compiled form is a function of the text.
extension JSONPath: Hashable {
    public static func == (lhs: JSONPath, rhs: JSONPath) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
