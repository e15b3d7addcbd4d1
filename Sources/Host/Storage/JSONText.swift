/// Appends JSON text for the few scalars the store writes itself.
///
/// The store builds the incident JSON around text the caller serialized (fields, payloads),
/// so it only ever writes strings, integers and punctuation; a full serializer would be a
/// back-edge into the engine's JSON model for no gain. Strings are escaped as compact JSON
/// writers do: `"`, `\` and control characters only, non-ASCII kept as UTF-8.
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

    static func appendString(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
