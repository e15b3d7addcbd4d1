import Transforms

/// Appends JSON text for the few scalars the store writes itself.
///
/// The store builds the incident JSON around text the caller serialized (fields, payloads),
/// so it only ever writes strings, integers and punctuation around it; building a `JSON` value
/// of the whole would mean parsing that text again.
struct JSONText {
    private(set) var text = ""
    private var needsComma = false

    mutating func beginObject() {
        text += "{"
        needsComma = false
    }

    mutating func endObject() {
        text += "}"
        needsComma = true
    }

    /// Starts a member: the comma if needed, the quoted key and the colon.
    mutating func key(_ key: String) {
        if needsComma { text += "," }
        Self.appendString(key, to: &text)
        text += ":"
        needsComma = false
    }

    mutating func string(_ key: String, _ value: String) {
        self.key(key)
        Self.appendString(value, to: &text)
        needsComma = true
    }

    mutating func integer(_ key: String, _ value: Int) {
        self.key(key)
        text += String(value)
        needsComma = true
    }

    /// A member whose value is JSON text already serialized by the caller, copied verbatim.
    mutating func raw(_ key: String, _ jsonText: String) {
        self.key(key)
        text += jsonText
        needsComma = true
    }

    /// A JSON string literal, escaped by the engine's serializer so that the store and the
    /// engine write one JSON dialect.
    static func appendString(_ value: String, to text: inout String) {
        text += JSON.string(value).serialized()
    }
}
