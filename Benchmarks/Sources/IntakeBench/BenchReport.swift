import Foundation
import Transforms

/// Prints the measurements as a table or as one JSON document.
struct BenchReport {
    var measurements: [CaseMeasurement]
    var options: BenchOptions

    /// The geometric mean over cases of a phase's ratio to the Foundation baseline.
    func geometricMeanRatio(_ phase: Phase) -> Double {
        let ratios = measurements.map { $0.ratio(phase) }.filter { $0 > 0 }
        guard !ratios.isEmpty else { return 0 }
        return exp(ratios.map { log($0) }.reduce(0, +) / Double(ratios.count))
    }

    /// Megabytes of payload per second a parse phase reads, over every case together: the
    /// bytes of all files over the sum of their median times per pass.
    func megabytesPerSecond(_ phase: Phase) -> Double {
        let bytes = measurements.reduce(0.0) { $0 + Double($1.benchCase.bytes.count) }
        let seconds = measurements.reduce(0.0) { $0 + ($1.median[phase] ?? 0) }
        return seconds > 0 ? bytes / seconds / 1_000_000 : 0
    }

    func table() -> String {
        var lines: [String] = []
        lines.append(
            "intake-bench: \(measurements.count) cases, \(options.iterations) passes per round, median of \(options.rounds) rounds (warm-up \(options.warmup)), \(options.clock.rawValue) time"
        )
        lines.append("µs per payload (× = time over Foundation JSONSerialization parse of the same bytes, same rounds)")
        let header = [
            pad("case", 44), pad("mapper", 20), lpad("n", 2), lpad("bytes", 6),
            lpad("foundation", 10), lpad("JSON.parse", 16), lpad("map", 16), lpad("parse+map", 16), lpad("payloads/s", 11), lpad("spread", 7),
        ]
        lines.append(header.joined(separator: " "))
        for m in measurements {
            let row = [
                pad(m.benchCase.name, 44), pad(m.benchCase.appliedMapper, 20), lpad("\(m.payloadsPerFile)", 2),
                lpad("\(m.benchCase.bytes.count)", 6),
                lpad(fixed(m.microseconds(.foundation), 1), 10),
                lpad(cell(m, .parse), 16), lpad(cell(m, .map), 16), lpad(cell(m, .parseAndMap), 16),
                lpad(fixed(m.payloadsPerSecond(.parseAndMap), 0), 11),
                lpad(fixed(m.spread(.parseAndMap) * 100, 0) + "%", 7),
            ]
            lines.append(row.joined(separator: " "))
        }
        lines.append(
            "geometric mean of ratios: JSON.parse ×\(fixed(geometricMeanRatio(.parse), 2))  map ×\(fixed(geometricMeanRatio(.map), 2))  parse+map ×\(fixed(geometricMeanRatio(.parseAndMap), 2))"
        )
        let parse = megabytesPerSecond(.parse), foundation = megabytesPerSecond(.foundation)
        lines.append(
            "JSON parse over all cases: JSON.parse \(fixed(parse, 1)) MB/s, Foundation \(fixed(foundation, 1)) MB/s (×\(fixed(foundation > 0 ? parse / foundation : 0, 2)) Foundation's throughput)"
        )
        return lines.joined(separator: "\n")
    }

    func json() -> String {
        var cases: [JSON] = []
        for m in measurements {
            var phases = JSONObject()
            for phase in Phase.allCases {
                phases[phase.rawValue] = [
                    "seconds_per_file": .number(.double(m.median[phase] ?? 0)),
                    "microseconds_per_payload": .number(.double(m.microseconds(phase))),
                    "payloads_per_second": .number(.double(m.payloadsPerSecond(phase))),
                    "ratio_to_foundation": .number(.double(m.ratio(phase))),
                    "spread": .number(.double(m.spread(phase))),
                ]
            }
            cases.append([
                "case": .string(m.benchCase.name),
                "mapper": .string(m.benchCase.appliedMapper),
                "chain": .array(m.benchCase.chain.mappers.map { .string($0.name) }),
                "payloads_per_file": .number(.int(m.payloadsPerFile)),
                "bytes": .number(.int(m.benchCase.bytes.count)),
                "outcomes_per_file": .number(.int(m.benchCase.outcomes)),
                "quarantined_per_file": .number(.int(m.benchCase.quarantined)),
                "phases": .object(phases),
            ])
        }
        var means = JSONObject()
        for phase in Phase.allCases where phase != .foundation {
            means[phase.rawValue] = .number(.double(geometricMeanRatio(phase)))
        }
        let document: JSON = [
            "iterations": .number(.int(options.iterations)),
            "rounds": .number(.int(options.rounds)),
            "warmup": .number(.int(options.warmup)),
            "clock": .string(options.clock.rawValue),
            "baseline": "foundation",
            "cases": .array(cases),
            "geometric_mean_ratio": .object(means),
            "parse_megabytes_per_second": [
                "JSON.parse": .number(.double(megabytesPerSecond(.parse))),
                "foundation": .number(.double(megabytesPerSecond(.foundation))),
            ],
        ]
        return document.prettySerialized()
    }

    /// One tab-separated row per case, headed: per phase µs per payload and ratio, then
    /// parse+map payloads per second.
    func tsv() -> String {
        var lines = [
            (["case", "mapper", "payloads", "bytes"] + Phase.allCases.flatMap { ["\($0.rawValue)_us", "\($0.rawValue)_ratio"] }
                + ["payloads_per_second", "spread"]).joined(separator: "\t")
        ]
        for m in measurements {
            var fields = [m.benchCase.name, m.benchCase.appliedMapper, "\(m.payloadsPerFile)", "\(m.benchCase.bytes.count)"]
            for phase in Phase.allCases { fields += [fixed(m.microseconds(phase), 2), fixed(m.ratio(phase), 3)] }
            fields += [fixed(m.payloadsPerSecond(.parseAndMap), 0), fixed(m.spread(.parseAndMap), 3)]
            lines.append(fields.joined(separator: "\t"))
        }
        return lines.joined(separator: "\n")
    }

    private func cell(_ m: CaseMeasurement, _ phase: Phase) -> String {
        "\(fixed(m.microseconds(phase), 1)) ×\(fixed(m.ratio(phase), 2))"
    }
}

func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
func lpad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}
