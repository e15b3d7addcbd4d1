import Transforms

/// Counts `lookup` misses per field and value: the drop-down values no table maps (SPEC §10).
///
/// A miss is read from the mapping trace, where the `lookup` step notes `"miss": value` when
/// a value has no entry, whether or not a `default` then hides it; that silent fall to the
/// default is exactly what a new form option does, so it is what this report makes visible.
struct LookupMisses {
    private struct Key: Hashable {
        var field: String
        var valueText: String
    }

    private var counts: [Key: (value: JSON, count: Int)] = [:]

    /// Adds the misses of one outcome's trace (`explain` must have been on).
    ///
    /// The trace is `{"mapper", "type": {steps}, "fields": {name: {steps}}, "dedup": {steps}}`;
    /// steps nest under `steps` (`each`, `if`, `coalesce`), so the walk is recursive.
    mutating func add(trace: JSON?) {
        guard case .object(let trace) = trace else { return }
        if let type = trace["type"] { add(record: type, field: "type") }
        if case .object(let fields) = trace["fields"] {
            for (name, record) in fields.members { add(record: record, field: name) }
        }
        if let dedup = trace["dedup"] { add(record: dedup, field: "dedup") }
    }

    private mutating func add(record: JSON, field: String) {
        guard case .object(let object) = record else { return }
        if object["step"] == .string(LookupStep.name), let value = object["miss"] {
            let key = Key(field: field, valueText: value.serialized())
            counts[key, default: (value, 0)].count += 1
        }
        if case .array(let steps) = object["steps"] {
            for step in steps { add(record: step, field: field) }
        }
    }

    var isEmpty: Bool { counts.isEmpty }

    /// `[{"field", "value", "count"}]`, most seen first, then by field and value.
    var json: JSON {
        let sorted = counts.sorted { a, b in
            if a.value.count != b.value.count { return a.value.count > b.value.count }
            if a.key.field != b.key.field { return a.key.field < b.key.field }
            return a.key.valueText < b.key.valueText
        }
        return .array(
            sorted.map { entry in
                ["field": .string(entry.key.field), "value": entry.value.value, "count": .number(.int(entry.value.count))]
            })
    }
}
