import Foundation
import Transforms

extension BenchCase {
    /// Runs one phase over the whole file `iterations` times.
    ///
    /// Returns a checksum of what each pass produced (objects parsed, outcomes mapped) so
    /// that the optimiser cannot drop the work, and so that a wrong pass shows in the output.
    func run(_ phase: Phase, iterations: Int) -> Int {
        var sink = 0
        switch phase {
        case .foundation:
            for _ in 0..<iterations {
                guard let object = try? JSONSerialization.jsonObject(with: data) else { continue }
                sink &+= (object as? [Any])?.count ?? 1
            }
        case .parse:
            for _ in 0..<iterations {
                guard let json = try? JSON.parse(bytes: bytes) else { continue }
                if case .array(let elements) = json { sink &+= elements.count } else { sink &+= 1 }
            }
        case .map:
            for _ in 0..<iterations {
                for payload in payloads { sink &+= chain.map(payload, request: request).count }
            }
        case .parseAndMap:
            for _ in 0..<iterations {
                guard let json = try? JSON.parse(bytes: bytes) else { continue }
                if case .array(let elements) = json {
                    for payload in elements { sink &+= chain.map(payload, request: request).count }
                } else {
                    sink &+= chain.map(json, request: request).count
                }
            }
        }
        return sink
    }
}

/// The median of a case's timed rounds, per phase.
struct CaseMeasurement {
    var benchCase: BenchCase
    /// Seconds per pass over the file: the median round, and the fastest and slowest.
    var median: [Phase: Double]
    var fastest: [Phase: Double]
    var slowest: [Phase: Double]

    var payloadsPerFile: Int { benchCase.payloads.count }

    /// Microseconds per payload of a phase.
    func microseconds(_ phase: Phase) -> Double { (median[phase] ?? 0) * 1e6 / Double(payloadsPerFile) }

    func payloadsPerSecond(_ phase: Phase) -> Double {
        guard let seconds = median[phase], seconds > 0 else { return 0 }
        return Double(payloadsPerFile) / seconds
    }

    /// Time of a phase over time of the Foundation parse of the same bytes, both medians of
    /// the same interleaved rounds: the figure that survives a noisy, shared machine.
    func ratio(_ phase: Phase) -> Double {
        guard let seconds = median[phase], let baseline = median[.foundation], baseline > 0 else { return 0 }
        return seconds / baseline
    }

    /// (slowest − fastest) / median of a phase: how noisy the rounds were.
    func spread(_ phase: Phase) -> Double {
        guard let median = median[phase], median > 0, let low = fastest[phase], let high = slowest[phase] else { return 0 }
        return (high - low) / median
    }
}

extension BenchCase {
    /// Warms every phase up, then times `rounds` rounds; each round runs every phase once,
    /// in turn, so a burst of load from another process hits all phases alike.
    func measure(iterations: Int, rounds: Int, warmup: Int, clock: BenchClock) -> (CaseMeasurement, checksum: Int) {
        var checksum = 0
        for phase in Phase.allCases { checksum &+= run(phase, iterations: warmup) }
        var samples: [Phase: [Double]] = [:]
        for _ in 0..<rounds {
            for phase in Phase.allCases {
                var sink = 0
                let elapsed = clock.measure { sink = run(phase, iterations: iterations) }
                checksum &+= sink
                samples[phase, default: []].append(elapsed / Double(max(iterations, 1)))
            }
        }
        var measurement = CaseMeasurement(benchCase: self, median: [:], fastest: [:], slowest: [:])
        for (phase, values) in samples {
            let sorted = values.sorted()
            measurement.median[phase] = sorted[sorted.count / 2]
            measurement.fastest[phase] = sorted.first
            measurement.slowest[phase] = sorted.last
        }
        return (measurement, checksum)
    }
}
