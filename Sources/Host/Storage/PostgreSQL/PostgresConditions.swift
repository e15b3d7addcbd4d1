import PostgresNIO

/// A `WHERE` clause built condition by condition, each value bound as a parameter.
struct PostgresConditions {
    private var conditions: [String] = []
    private(set) var binds = PostgresBindings()

    /// Adds a condition whose `?` placeholders take `values`, in order.
    mutating func add(_ condition: String, _ values: Int64...) {
        conditions.append(placeholders(condition, count: values.count))
        for value in values { binds.append(value) }
    }

    mutating func add(_ condition: String, _ value: String) {
        conditions.append(placeholders(condition, count: 1))
        binds.append(value)
    }

    mutating func add(_ condition: String) {
        conditions.append(condition)
    }

    /// ` WHERE a AND b`, or nothing.
    var clause: String {
        conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }

    private func placeholders(_ condition: String, count: Int) -> String {
        var text = ""
        var next = binds.count + 1
        for character in condition {
            if character == "?" {
                text += "$\(next)"
                next += 1
            } else {
                text.append(character)
            }
        }
        return text
    }
}
