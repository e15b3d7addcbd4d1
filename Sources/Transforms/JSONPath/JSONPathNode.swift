/// One node a query selected: its value and where it sits in the queried document.
///
/// The location is kept (not only the value) because `intake query --paths` and provenance
/// show *which* member of the payload a field came from.
public struct JSONPathNode: Sendable {
    /// The node's value.
    public var value: JSON
    /// The member names and array indexes leading from the root to the node.
    public var location: [JSONPathLocation]

    public init(value: JSON, location: [JSONPathLocation]) {
        self.value = value
        self.location = location
    }

    /// The node's RFC 9535 §2.7 normalized path, such as `$['a'][0]`.
    public var normalizedPath: String { JSONPathLocation.normalizedPath(location) }
}

/// One step from a value to a child: a member name or a non-negative array index.
public enum JSONPathLocation: Sendable, Hashable {
    case member(String)
    case index(Int)
}

extension JSONPathLocation {
    /// The normalized path of a location list, escaping names exactly as RFC 9535 §2.7 says
    /// (so that equal locations always print as equal text).
    public static func normalizedPath(_ locations: [JSONPathLocation]) -> String {
        var text = "$"
        for location in locations {
            switch location {
            case .index(let index):
                text += "[\(index)]"
            case .member(let name):
                text += "['"
                appendEscaped(name, to: &text)
                text += "']"
            }
        }
        return text
    }

    /// Appends `name` with RFC 9535 §2.7's escapes: the short forms for `\b \f \n \r \t \' \\`, and
    /// `\u00xx` with lowercase hex for the other control characters.
    private static func appendEscaped(_ name: String, to text: inout String) {
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\u{8}": text += "\\b"
            case "\u{C}": text += "\\f"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "'": text += "\\'"
            case "\\": text += "\\\\"
            case "\u{0}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                text += "\\u00" + (hex.count == 1 ? "0" + hex : hex)
            default: text.unicodeScalars.append(scalar)
            }
        }
    }
}
