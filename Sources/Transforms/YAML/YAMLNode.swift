/// One node of a loaded YAML document, with the mark where it starts.
///
/// Mappers are decoded from this tree rather than from plain JSON because every error about
/// a mapper must say `file:line:column` (SEMANTICS S6, STYLE 4); `json` gives the plain value
/// when the marks are no longer needed.
public struct YAMLNode: Sendable {
    /// What the node holds.
    public enum Content: Sendable {
        /// A scalar resolved by the YAML 1.2 core schema (SEMANTICS S5). `text` is the scalar's
        /// content as libyaml read it (quotes and escapes processed), before resolution: the
        /// `text` of `0x1F` is `"0x1F"` while its value is `31`. `quoted` is true for every
        /// non-plain scalar (single- or double-quoted, literal `|` or folded `>`): those are
        /// always strings.
        case scalar(JSON, text: String, quoted: Bool)
        /// A list, in order.
        case sequence([YAMLNode])
        /// A map, in document order; keys are unique.
        case mapping([YAMLMember])
    }

    public var content: Content
    /// Where the node starts.
    public var mark: SourceMark
    /// A scalar written on one line, as the file holds it (quotes and escapes included): what
    /// `mark(ofValueByte:)` reads to point at a character inside the value.
    public var writtenText: String?

    public init(content: Content, mark: SourceMark) {
        self.content = content
        self.mark = mark
    }
}

/// One key and value of a YAML map.
///
/// The key is kept as text (numbers, booleans and null keys become their text, SEMANTICS S5)
/// with its own mark, because errors about a key (an unknown mapper key, a typo such as
/// `feilds`) point at the key, not at its value.
public struct YAMLMember: Sendable {
    public var key: String
    public var keyMark: SourceMark
    public var value: YAMLNode

    public init(key: String, keyMark: SourceMark, value: YAMLNode) {
        self.key = key
        self.keyMark = keyMark
        self.value = value
    }
}

extension YAMLNode {
    /// The node as a JSON value: maps become objects in document order, lists arrays.
    public var json: JSON {
        switch content {
        case .scalar(let value, _, _): value
        case .sequence(let items): .array(items.map(\.json))
        case .mapping(let members): .object(JSONObject(members.map { ($0.key, $0.value.json) }))
        }
    }

    /// The node's kind for messages: "a string", "a number", "a boolean", "null", "a list", "a map".
    ///
    /// A mapping is "a map" here (not JSON's "an object") because the person reading the
    /// message is looking at YAML.
    public var kindName: String {
        switch content {
        case .scalar(let value, _, _): value.kindName
        case .sequence: "a list"
        case .mapping: "a map"
        }
    }

    /// The value of `key` when the node is a map that has it; `nil` otherwise.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let members) = content else { return nil }
        return members.first(where: { $0.key == key })?.value
    }
}
