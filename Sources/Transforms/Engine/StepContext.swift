/// What a running step can see besides its input: the payload, the fields mapped so far, the
/// request's headers, and the trace when a dry-run explains.
public struct StepContext: Sendable {
    /// `$` for `path`, templates and conditions: the prepared payload, or the `for_each` item.
    public var payload: JSON
    /// The whole prepared payload, for `root` (SEMANTICS S22).
    public var root: JSON
    /// Fields already mapped, after coercion (S16).
    public var fields: [String: JSON]
    /// The selected incident type, for `{{ type }}`.
    public var type: String?
    /// Request headers in the order received, names as sent.
    public var headers: [HTTPHeader]
    /// Present only when explaining: recording costs nothing otherwise.
    public var recorder: TraceRecorder?
    /// Set while a `dedup` key is built: a `template` with a part that has no value then gives
    /// no value instead of rendering the part as `""` (SEMANTICS S26), so a key missing a part
    /// never matches another payload's key.
    public var templatesNeedEveryPart = false

    public init(
        payload: JSON, root: JSON? = nil, fields: [String: JSON] = [:], type: String? = nil,
        headers: [HTTPHeader] = [], recorder: TraceRecorder? = nil
    ) {
        self.payload = payload
        self.root = root ?? payload
        self.fields = fields
        self.type = type
        self.headers = headers
        self.recorder = recorder
    }

    /// Adds a detail to the current step's trace (path nodes, regex groups, lookup entry).
    public func note(_ key: String, _ value: @autoclosure () -> JSON) {
        recorder?.note(key, value())
    }
}

/// One request header as received.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Reads `"Name: value"`: split at the first `:`, both sides trimmed (SEMANTICS S130).
    public init?(line: String) {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        name = line[..<colon].trimmingWhitespace()
        value = line[line.index(after: colon)...].trimmingWhitespace()
        guard !name.isEmpty else { return nil }
    }
}

extension StringProtocol {
    /// The text without leading and trailing Unicode white space.
    ///
    /// Returns the text untouched when its ends are not white space, the common case, and
    /// tests plain ASCII without the Unicode tables: trimming runs on most field values.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let firstScalar = scalars.first, let lastScalar = scalars.last else { return "" }
        if !firstScalar.isWhitespaceFast && !lastScalar.isWhitespaceFast { return String(self) }
        guard let first = scalars.firstIndex(where: { !$0.isWhitespaceFast }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isWhitespaceFast }) ?? first
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension Unicode.Scalar {
    /// Unicode white space, with the ASCII range answered without the property tables.
    var isWhitespaceFast: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }

    /// `A`–`Z` or `a`–`z`, answered without the Unicode property tables.
    var isASCIILetter: Bool { (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }

    /// `0`–`9`.
    var isASCIIDigit: Bool { (0x30...0x39).contains(value) }
}
