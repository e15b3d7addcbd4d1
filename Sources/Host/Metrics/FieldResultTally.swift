import Foundation
import Prometheus
import Transforms

/// Counts, per mapper and field, how each field of a request's outcomes came out: the
/// per-rule health of SPEC §10 (`intake_field_results_total{mapper,field,result}`).
///
/// A field is `mapped` when its pipeline gave a value, `error` when a step or coercion failed,
/// `missing` otherwise (no value; a missing required field counts here, not as an error). It
/// reads the outcome's trace, which the listener records anyway for provenance, and counts
/// locally so a request touches each series once, however many payloads it held.
struct FieldResultTally {
    enum Result: String {
        case mapped, missing, error
    }

    struct Key: Hashable {
        var mapper: String
        var field: String
        var result: Result
    }

    private(set) var counts: [Key: Int] = [:]

    /// Adds the fields of one outcome; the default mapping and outcomes without a trace add
    /// nothing.
    mutating func add(_ outcome: MappingOutcome) {
        guard let mapper = outcome.mapper?.name,
            case .object(let trace)? = outcome.trace,
            case .object(let fields)? = trace["fields"]
        else { return }
        var failed: Set<Substring> = []
        if case .quarantined(let errors) = outcome.result {
            for error in errors where !error.hasSuffix(": required field is missing") {
                if let field = Self.fieldName(of: error) { failed.insert(field) }
            }
        }
        for (field, fieldTrace) in fields.members {
            let result: Result
            if failed.contains(Substring(field)) {
                result = .error
            } else if case .object(let object) = fieldTrace, object["value"] != nil {
                result = .mapped
            } else {
                result = .missing
            }
            counts[Key(mapper: mapper, field: field, result: result), default: 0] += 1
        }
    }

    /// The field an error names: `fields.reporter: …` → `reporter`.
    static func fieldName(of error: String) -> Substring? {
        let prefix = "fields."
        guard error.hasPrefix(prefix), let colon = error.range(of: ": ") else { return nil }
        return error[error.index(error.startIndex, offsetBy: prefix.count)..<colon.lowerBound]
    }

    /// Adds the counts to the registry.
    func record() {
        for (key, count) in counts {
            IntakeMetrics.counter(
                IntakeMetrics.Name.fieldResults, [("mapper", key.mapper), ("field", key.field), ("result", key.result.rawValue)]
            ).increment(by: Int64(count))
        }
    }
}
