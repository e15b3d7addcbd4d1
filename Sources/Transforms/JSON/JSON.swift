/// A JSON value as the mapper engine sees it.
///
/// Objects keep the key order of the text they were read from, and numbers keep the
/// integer / non-integer distinction of that text (SEMANTICS S2), because both are visible
/// in what Intake prints. The one case JSON text cannot produce is `instant`: the `date`
/// step and the `date` field type make instants, and they print as RFC 3339 text (S4).
///
/// *Missing* (a query that selected nothing) is not a case: the engine uses `JSON?`, with
/// `nil` for missing, so that `null` and missing never get confused.
public enum JSON: Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSON])
    case object(JSONObject)
    case instant(Instant)
}

/// A JSON number with the form its text had.
public enum JSONNumber: Sendable {
    /// An integer that fits 64 bits.
    case int(Int)
    /// An integer beyond 64 bits, kept as its canonical decimal text (`-` and digits, no
    /// leading zeros) so that it is printed back exactly.
    case bigInt(String)
    /// A number written with a fraction or an exponent (`1.0`, `1e3`).
    case double(Double)
}

/// The members of a JSON object, in the order they were written.
///
/// Lookups are linear: payload objects are small, and keeping one array is both faster to
/// build and cheaper in memory than an array plus a dictionary for the sizes Intake sees.
public struct JSONObject: Sendable {
    public private(set) var members: [(key: String, value: JSON)]

    public init() { members = [] }

    public init(_ members: [(key: String, value: JSON)]) { self.members = members }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    /// The value of `key`, or `nil` when the object has no such member.
    ///
    /// Setting a key that exists replaces its value in place (its position is kept);
    /// setting a new key appends it; setting `nil` removes the member.
    public subscript(key: String) -> JSON? {
        get {
            for member in members where member.key == key { return member.value }
            return nil
        }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append((key, newValue))
            }
        }
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self.init()
        for (key, value) in elements { self[key] = value }
    }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
    ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(.int(value)) }
    public init(floatLiteral value: Double) { self = .number(.double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
    public init(nilLiteral: ()) { self = .null }
}
