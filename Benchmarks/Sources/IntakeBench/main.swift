import Foundation
import Transforms

/// `intake-bench`: the mapping engine alone, no HTTP and no store (see docs/benchmarks.md).
func runBench() throws(BenchFailure) {
    let options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    let cases = try BenchCase.discover(options: options)
    guard !cases.isEmpty else { throw BenchFailure("no cases under \(options.samplesDirectory) match") }
    if options.list {
        for c in cases { print("\(c.name)\t\(c.appliedMapper)\t\(c.payloads.count) payloads\t\(c.bytes.count) bytes") }
        return
    }
    if let phase = options.countPhase {
        // Counting mode: nothing but the loop, so valgrind's totals differ between
        // --count 0 and --count N by exactly N passes.
        var checksum = 0
        for c in cases { checksum &+= c.run(phase, iterations: options.count) }
        print("checksum \(checksum)")
        return
    }
    var measurements: [CaseMeasurement] = []
    var checksum = 0
    for c in cases {
        let (measurement, sink) = c.measure(iterations: options.iterations, rounds: options.rounds, warmup: options.warmup, clock: options.clock)
        measurements.append(measurement)
        checksum &+= sink
        if !options.json && !options.tsv {
            FileHandle.standardError.write(Data("measured \(c.name)\n".utf8))
        }
    }
    let report = BenchReport(measurements: measurements, options: options)
    if options.json || options.tsv {
        print(options.json ? report.json() : report.tsv())
        FileHandle.standardError.write(Data("checksum \(checksum)\n".utf8))
    } else {
        print(report.table())
        print("checksum \(checksum)")
    }
}

do {
    try runBench()
} catch {
    (error.exitCode == 0 ? FileHandle.standardOutput : FileHandle.standardError).write(Data((error.message + "\n").utf8))
    exit(error.exitCode)
}
