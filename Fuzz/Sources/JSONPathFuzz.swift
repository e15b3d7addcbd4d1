import Transforms

/// The JSONPath parser (`JSONPath(_:)`), as mappers and `intake query` compile queries.
///
/// Property: a query that does not parse is refused at a byte offset inside it; a query that
/// parses runs on a small document, and every node it selects has a normalized path (RFC 9535
/// §2.7) that parses back to a singular query selecting exactly that node.
enum JSONPathFuzz {
    /// A document with the shapes queries walk: nested objects, arrays, awkward member names.
    static let document: JSON = [
        "a": ["b": [1, 2.5, "three", nil, true], "c": ["d": "e"]],
        "list": [["n": 1], ["n": 2, "m": [3]], [], [:]],
        "it's": ["\u{7}\n\\": "control characters in a name"],
        "": "empty name",
    ]

    static func check(_ input: [UInt8]) {
        let text = decodedText(input)
        let path: JSONPath
        do {
            path = try JSONPath(text)
        } catch {
            require((0...text.utf8.count).contains(error.offset), "JSONPath error offset \(error.offset) outside 0...\(text.utf8.count): \(error)")
            return
        }
        // Each descendant segment multiplies the nodes visited by the document's size; the
        // query is written by the mapper's author, not a sender, so only a few are evaluated.
        guard text.utf8.count <= 512, descendantSegments(text) <= 3 else { return }
        let nodes = path.select(document)
        require(nodes.map(\.value) == path.values(document), "select and values disagree for \(text)")
        if path.isSingular { require(nodes.count <= 1, "singular query \(text) selected \(nodes.count) nodes") }
        for node in nodes {
            let normalized: JSONPath
            do {
                normalized = try JSONPath(node.normalizedPath)
            } catch {
                fail("normalized path \(node.normalizedPath) (from \(text)) does not parse: \(error)")
            }
            require(normalized.isSingular, "normalized path \(node.normalizedPath) is not singular")
            let again = normalized.select(document)
            require(
                again.count == 1 && again[0].location == node.location && again[0].value == node.value,
                "normalized path \(node.normalizedPath) (from \(text)) does not select its node")
        }
    }

    static func descendantSegments(_ text: String) -> Int {
        zip(text.utf8, text.utf8.dropFirst()).count { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") }
    }
}
