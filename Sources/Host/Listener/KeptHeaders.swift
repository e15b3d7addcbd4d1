import Transforms

/// The request headers kept with each payload, without credentials (SPEC §4).
///
/// Names are lower-cased; `authorization`, `cookie`, `proxy-authorization` and the instance's
/// own auth, signature and timestamp headers are dropped, so neither the store nor a mapper's
/// `header` step ever sees a secret. A repeated header keeps every value, joined by `, `.
struct KeptHeaders {
    /// Always removed, whatever the instance's auth.
    static let alwaysRemoved: Set<String> = ["authorization", "cookie", "proxy-authorization"]

    var fields: [(name: String, value: String)]

    init(_ headers: ReceivedHeaders, removing secretNames: Set<String>) {
        var fields: [(name: String, value: String)] = []
        // A dictionary, not a scan of the names kept so far: a head of thousands of short
        // headers must cost linear time.
        var positions: [String: Int] = [:]
        for field in headers.fields where !Self.alwaysRemoved.contains(field.name) && !secretNames.contains(field.name) {
            if let index = positions[field.name] {
                fields[index].value += ", " + field.value
            } else {
                positions[field.name] = fields.count
                fields.append(field)
            }
        }
        self.fields = fields
    }

    /// The headers as one JSON object, in the order received.
    var json: JSON { .object(JSONObject(fields.map { (key: $0.name, value: JSON.string($0.value)) })) }

    /// The headers the mapping engine's `header` step reads.
    var mappingHeaders: [HTTPHeader] { fields.map { HTTPHeader(name: $0.name, value: $0.value) } }
}
