/// The fields of a form or multipart body, merged into one object.
///
/// A key seen once maps to its value; a key seen again turns into the array of every value in
/// order (S45, SPEC §4). Keys are found through a dictionary and values appended in place, so
/// adding n fields costs O(n) whatever their names: a hostile body of thousands of fields, or
/// thousands of values of one field, stays linear.
package struct FormFields {
    private var entries: [(key: String, values: [JSON])] = []
    private var positions: [String: Int] = [:]

    package init() {}

    package mutating func add(_ key: String, _ value: JSON) {
        if let position = positions[key] {
            entries[position].values.append(value)
        } else {
            positions[key] = entries.count
            entries.append((key, [value]))
        }
    }

    /// The object, keys in first-appearance order.
    package var object: JSONObject {
        JSONObject(entries.map { (key: $0.key, value: $0.values.count == 1 ? $0.values[0] : .array($0.values)) })
    }
}
