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

    /// One value no table maps, and how often it was seen.
    struct Entry {
        var field: String
        var value: JSON
        var count: Int

        /// The value as a person reads it: a string's own text, anything else its JSON.
        var valueText: String {
            if case .string(let text) = value { return text }
            return value.serialized()
        }
    }

    /// Most seen first, then by field and value.
    var entries: [Entry] {
        counts.map { Entry(field: $0.key.field, value: $0.value.value, count: $0.value.count) }.sorted { a, b in
            if a.count != b.count { return a.count > b.count }
            if a.field != b.field { return a.field < b.field }
            return a.value.serialized() < b.value.serialized()
        }
    }

    /// `[{"field", "value", "count"}]`, in the order of ``entries``.
    var json: JSON {
        .array(entries.map { ["field": .string($0.field), "value": $0.value, "count": .number(.int($0.count))] })
    }
}
