import Transforms

/// `intake dry-run --compare DIR`: every payload mapped with today's chain and with the
/// candidate, and what would change, field by field (SPEC §10).
///
/// Only what differs is listed, so a corpus of thousands of samples gives a short answer;
/// the summary counts the rest. Outcomes are paired by position (one per payload, or one
/// per `for_each` item): a side with fewer items shows `"none"` for the missing ones.
struct DryRunComparison {
    private(set) var differences: [JSON] = []
    private(set) var payloads = 0
    private(set) var quarantinedAfter = 0
    /// Lookup misses under the candidate chain: what would fall through its tables.
    private(set) var unmapped = LookupMisses()

    /// Adds one payload's outcomes under both chains (mapped with `explain` on, so lookup
    /// misses can be read from the candidate's traces).
    mutating func add(source: String, before: [MappingOutcome], after: [MappingOutcome]) {
        payloads += 1
        for outcome in after {
            unmapped.add(trace: outcome.trace)
            if outcome.isQuarantined { quarantinedAfter += 1 }
        }
        for index in 0..<max(before.count, after.count) {
            let old = index < before.count ? before[index] : nil
            let new = index < after.count ? after[index] : nil
            if let difference = Self.difference(source: source, before: old, after: new) {
                differences.append(difference)
            }
        }
    }

    /// The element for one pair of outcomes, or nil when they agree.
    static func difference(source: String, before: MappingOutcome?, after: MappingOutcome?) -> JSON? {
        var object = JSONObject()
        object["source"] = .string(source)
        if let item = after?.item ?? before?.item { object["item"] = .number(.int(item)) }
        let statusBefore = status(before)
        let statusAfter = status(after)
        object["status_before"] = .string(statusBefore)
        object["status_after"] = .string(statusAfter)
        var changes: [JSON] = []
        if case .mapped(let old)? = before?.result, case .mapped(let new)? = after?.result {
            changes = fieldChanges(before: old.json(), after: new.json())
        }
        object["changes"] = .array(changes)
        let errorsBefore = errors(before)
        let errorsAfter = errors(after)
        if let errorsBefore { object["errors_before"] = .array(errorsBefore.map(JSON.string)) }
        if let errorsAfter { object["errors_after"] = .array(errorsAfter.map(JSON.string)) }
        let same = statusBefore == statusAfter && changes.isEmpty && errorsBefore == errorsAfter
        return same ? nil : .object(object)
    }

    /// `{field, before, after}` for each incident key (S120) and each `fields.NAME` that
    /// differs; `null` stands for no value, and `mapper` is compared by name.
    static func fieldChanges(before: JSON, after: JSON) -> [JSON] {
        let old = flattened(before)
        let new = flattened(after)
        var names = old.map(\.key)
        for (name, _) in new where !names.contains(name) { names.append(name) }
        var changes: [JSON] = []
        for name in names {
            let a = old.first { $0.key == name }?.value
            let b = new.first { $0.key == name }?.value
            guard a != b else { continue }
            changes.append(["field": .string(name), "before": a ?? .null, "after": b ?? .null])
        }
        return changes
    }

    /// The incident's keys in S120 order, with `fields` spread out as `fields.NAME`.
    private static func flattened(_ incident: JSON) -> [(key: String, value: JSON)] {
        guard case .object(let object) = incident else { return [] }
        var result: [(key: String, value: JSON)] = []
        for (key, value) in object.members {
            if key == "fields", case .object(let fields) = value {
                result += fields.members.map { (key: "fields.\($0.key)", value: $0.value) }
            } else if key == "mapper", let name = value.objectValue?["name"] {
                // By name only: a candidate usually bumps `version`, which would list every sample.
                result.append((key: key, value: name))
            } else {
                result.append((key: key, value: value))
            }
        }
        return result
    }

    private static func status(_ outcome: MappingOutcome?) -> String {
        guard let outcome else { return "none" }
        return outcome.isQuarantined ? "quarantined" : "mapped"
    }

    private static func errors(_ outcome: MappingOutcome?) -> [String]? {
        if case .quarantined(let errors)? = outcome?.result { return errors }
        return nil
    }

    /// What the command prints: `{"differences": [...], "summary": {...}}`.
    var json: JSON {
        let summary: JSON = [
            "samples": .number(.int(payloads)),
            "changed": .number(.int(differences.count)),
            "new_failures": .number(.int(differences.filter { isNewFailure($0) }.count)),
            "fixed": .number(.int(differences.filter { isFixed($0) }.count)),
            "unmapped_lookup_values": unmapped.json,
        ]
        return ["differences": .array(differences), "summary": summary]
    }

    private func isNewFailure(_ difference: JSON) -> Bool {
        difference.objectValue?["status_before"] != "quarantined" && difference.objectValue?["status_after"] == "quarantined"
    }

    private func isFixed(_ difference: JSON) -> Bool {
        difference.objectValue?["status_before"] == "quarantined" && difference.objectValue?["status_after"] == "mapped"
    }
}
