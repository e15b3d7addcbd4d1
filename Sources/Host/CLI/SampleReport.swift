import Transforms

/// What a chain makes of an instance's stored samples, beyond the incidents (SPEC §10): the
/// drop-down values no `lookup` maps, the mappers no sample reaches and the mappers an
/// earlier one shadows. `intake check --samples` prints it; `POST
/// /api/instances/{name}/sample-report` answers it to the playground; both build it here.
struct SampleReport {
    private let chain: MappingChain
    private(set) var misses = LookupMisses()
    private(set) var coverage: ChainCoverage
    /// Payloads added.
    private(set) var samples = 0
    /// Outcomes looked at: one per payload, or one per `for_each` item.
    private(set) var mapped = 0

    init(chain: MappingChain) {
        self.chain = chain
        coverage = ChainCoverage(chain: chain)
    }

    /// Maps one payload (explaining, to read lookup misses from the trace) and counts it.
    mutating func add(_ payload: JSON, request: MappingRequest) {
        var request = request
        request.explain = true
        samples += 1
        coverage.add(payload)
        for outcome in chain.map(payload, request: request) {
            misses.add(trace: outcome.trace)
            mapped += 1
        }
    }

    /// `{"samples", "mapped", "misses": [{"field", "value", "count"}], "never_matched":
    /// [{"mapper", "file"}], "shadowed": [{"mapper", "file", "accepted", "taken_by": {name: count}}]}`.
    var json: JSON {
        let neverMatched = coverage.neverMatched.map { entry -> JSON in
            ["mapper": .string(entry.name), "file": .string(entry.file)]
        }
        let shadowed = coverage.shadowed.map { entry -> JSON in
            var takenBy = JSONObject()
            for (name, count) in entry.takenFirstBy.sorted(by: { $0.key < $1.key }) { takenBy[name] = .number(.int(count)) }
            return [
                "mapper": .string(entry.name), "file": .string(entry.file), "accepted": .number(.int(entry.accepted)),
                "taken_by": .object(takenBy),
            ]
        }
        return [
            "samples": .number(.int(samples)), "mapped": .number(.int(mapped)), "misses": misses.json,
            "never_matched": .array(neverMatched), "shadowed": .array(shadowed),
        ]
    }

    /// The report as lines for a terminal, one finding each; empty when there is nothing to say.
    var lines: [String] {
        var lines: [String] = []
        for miss in misses.entries {
            lines.append("\(miss.field): '\(miss.valueText)' seen \(miss.count)×, unmapped")
        }
        for entry in coverage.neverMatched {
            lines.append("mapper '\(entry.name)' (\(entry.file)) never matches: its when holds for none of \(counted(samples, "sample"))")
        }
        for entry in coverage.shadowed {
            let earlier = entry.takenFirstBy.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
            lines.append(
                "mapper '\(entry.name)' (\(entry.file)) is shadowed: it matches \(counted(entry.accepted, "sample")), "
                    + "every one taken first by \(earlier) earlier in the chain")
        }
        return lines
    }
}
