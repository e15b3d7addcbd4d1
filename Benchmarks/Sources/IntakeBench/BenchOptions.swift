/// The command line of `intake-bench`, read by hand because the target depends only on
/// `Transforms` (an argument-parser dependency would cost a release build of it).
struct BenchOptions {
    /// The folder holding `mappers/` and `samples/`. Default: the current folder.
    var root = "."
    /// The mappers folder. Default: `ROOT/mappers`.
    var mappers: String?
    /// The folder walked for `X.json` payloads. Default: `ROOT/samples`.
    var samples: String?
    /// Payloads mapped per round and phase. Default: 1000.
    var iterations = 1000
    /// Timed rounds; the median round is reported. Default: 15.
    var rounds = 15
    /// Untimed iterations before the first round. Default: 200.
    var warmup = 200
    /// Only cases whose name or applied mapper contains one of these (case-sensitive).
    var filters: [String] = []
    /// Only the cases named exactly (the sample path under the samples folder, no `.json`).
    var names: [String] = []
    /// Print one JSON document instead of a table.
    var json = false
    /// Print tab-separated rows (one per case) instead of a table, for scripts.
    var tsv = false
    /// Counting mode for valgrind: run one phase `count` times, untimed, no warm-up.
    var countPhase: Phase?
    var count = 0
    /// Thread CPU time (default) or wall time.
    var clock = BenchClock.cpu
    /// List the cases and exit.
    var list = false

    static let usage = """
        usage: intake-bench [ROOT] [--mappers DIR] [--samples DIR] [--filter TEXT]... [--case NAME]...
                            [--iterations N] [--rounds N] [--warmup N] [--clock cpu|wall]
                            [--json | --tsv | --list]
               intake-bench [ROOT] ... --count N --phase foundation|parse|map|parse+map

        Maps every samples/**/X.json that has an X.args.json (or X.expected.json) beside it with
        the chain the args name, and reports payloads per second per case, with the ratio to a
        Foundation JSONSerialization parse of the same bytes measured in the same rounds.
        --count runs one phase N times with no timing, warm-up or output but a checksum, for
        valgrind (allocations and instructions per payload: see Benchmarks/allocations.sh).
        """

    static func parse(_ arguments: [String]) throws(BenchFailure) -> BenchOptions {
        var options = BenchOptions()
        var rest = arguments[...]
        func value(_ flag: String) throws(BenchFailure) -> String {
            guard let next = rest.popFirst() else { throw BenchFailure("\(flag) needs a value\n\(usage)") }
            return next
        }
        func number(_ flag: String) throws(BenchFailure) -> Int {
            let text = try value(flag)
            guard let number = Int(text), number >= 0 else { throw BenchFailure("\(flag): '\(text)' is not a count") }
            return number
        }
        var sawCount = false
        while let argument = rest.popFirst() {
            switch argument {
            case "--mappers": options.mappers = try value(argument)
            case "--samples": options.samples = try value(argument)
            case "--iterations", "-n": options.iterations = try number(argument)
            case "--rounds": options.rounds = max(1, try number(argument))
            case "--warmup": options.warmup = try number(argument)
            case "--clock":
                let text = try value(argument)
                guard let clock = BenchClock(rawValue: text) else { throw BenchFailure("--clock: '\(text)' is not cpu or wall") }
                options.clock = clock
            case "--filter": options.filters.append(try value(argument))
            case "--case": options.names.append(try value(argument))
            case "--json": options.json = true
            case "--tsv": options.tsv = true
            case "--list": options.list = true
            case "--count":
                options.count = try number(argument)
                sawCount = true
            case "--phase":
                let text = try value(argument)
                guard let phase = Phase(rawValue: text) else {
                    throw BenchFailure("--phase: '\(text)' is not one of \(Phase.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                options.countPhase = phase
            case "--help", "-h": throw BenchFailure(usage, exitCode: 0)
            default:
                guard !argument.hasPrefix("-") else { throw BenchFailure("unknown option '\(argument)'\n\(usage)") }
                options.root = argument
            }
        }
        if sawCount && options.countPhase == nil { throw BenchFailure("--count needs --phase") }
        if !sawCount && options.countPhase != nil { throw BenchFailure("--phase goes with --count") }
        return options
    }

    var mappersDirectory: String { mappers ?? root + "/mappers" }
    var samplesDirectory: String { samples ?? root + "/samples" }
}

/// What one timed loop does to a case's payload file.
enum Phase: String, CaseIterable {
    /// The baseline: Foundation's `JSONSerialization.jsonObject` on the file's bytes.
    case foundation
    /// `JSON.parse(bytes:)` alone.
    case parse
    /// `MappingChain.map` on payloads parsed once beforehand.
    case map
    /// Parse the bytes, then map every payload of the file: the listener's work.
    case parseAndMap = "parse+map"
}

/// A message for the user and the exit code to leave with.
struct BenchFailure: Error {
    var message: String
    var exitCode: Int32

    init(_ message: String, exitCode: Int32 = 2) {
        self.message = message
        self.exitCode = exitCode
    }
}
