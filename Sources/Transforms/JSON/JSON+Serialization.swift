extension JSON {
    /// Compact JSON text: no spaces, `/` and non-ASCII never escaped.
    ///
    /// - Parameter sortedKeys: sorts the keys of every object, at every level, by Unicode
    ///   code point (a stable, locale-free order). Incident `fields` (S120) sort only their
    ///   own keys: use `JSONObject.sortedByKey()` on that object instead.
    public func serialized(sortedKeys: Bool = false) -> String {
        var writer = JSONWriter(sortedKeys: sortedKeys, pretty: false)
        writer.write(self)
        return writer.text
    }

    /// Indented JSON text as dry-run prints it (S131).
    ///
    /// Two spaces per level, `"key": value`, one element or member per line, empty
    /// containers as `[]` and `{}`, no final newline, and the same escaping as `serialized`.
    public func prettySerialized(sortedKeys: Bool = false) -> String {
        var writer = JSONWriter(sortedKeys: sortedKeys, pretty: true)
        writer.write(self)
        return writer.text
    }

    /// The text of the value (SEMANTICS S12), as templates, `join`, `to_string`, dedup keys
    /// and `matches` use it.
    ///
    /// A string is itself (no quotes), a boolean `true`/`false`, a number its JSON text
    /// (S2), an instant RFC 3339 (S4), a list or object its compact JSON in payload order,
    /// and `null` the empty string (as missing is).
    public var text: String {
        switch self {
        case .null: ""
        case .bool(let bool): bool ? "true" : "false"
        case .number(let number): number.jsonText
        case .string(let string): string
        case .instant(let instant): instant.rfc3339
        case .array, .object: serialized()
        }
    }
}

extension JSONNumber {
    /// The number as JSON text (SEMANTICS S2).
    ///
    /// Integers have no fraction or exponent, big integers print their exact digits, and
    /// other numbers the shortest text that reads back to the same double, always with a
    /// fraction or exponent so they stay non-integers: `2.5`, `1.0`, `1e+16`, `1e-07`,
    /// `-0.0`. JSON has no infinities or NaN; should arithmetic make one, it prints `null`.
    public var jsonText: String {
        switch self {
        case .int(let int): String(int)
        case .bigInt(let text): text
        case .double(let double): double.isFinite ? double.description : "null"
        }
    }
}

extension JSONObject {
    /// The same members ordered by key, comparing Unicode code points (which is UTF-8 byte
    /// order), the order S120 fixes for incident `fields`.
    public func sortedByKey() -> JSONObject {
        JSONObject(members.sorted { Self.codePointPrecedes($0.key, $1.key) })
    }

    /// Whether `a` sorts before `b` by Unicode code point, comparing their UTF-8 bytes
    /// (UTF-8 preserves code point order). `String`'s own `<` is not this order: it
    /// compares canonically normalized text.
    static func codePointPrecedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
