import Foundation
import Plugins
import Transforms

/// `intake-plugin-bench`: what one WebAssembly step call costs against built-in steps, measured
/// in the same run (docs/plugins.md, "Measured cost").
///
/// Each case is a one-step pipeline applied to the same pasted-incident text; the figure is the
/// median time per call over several rounds. The baselines are built-ins: `lowercase` (a
/// trivial transform) and `replace` with the pattern `defang` implements for dots (the work a
/// user would otherwise write as a regex).
///
/// usage: intake-plugin-bench [PLUGIN-FOLDER] [--calls N] [--rounds R]
struct Options {
    var folder = "mappers/plugins"
    var calls = 20_000
    var rounds = 7

    init(_ arguments: [String]) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--calls": calls = rest.popFirst().flatMap { Int($0) } ?? calls
            case "--rounds": rounds = rest.popFirst().flatMap { Int($0) } ?? rounds
            default: folder = argument
            }
        }
    }
}

struct BenchCase {
    var name: String
    var pipeline: Pipeline
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let text =
    "Phishing mail reported by alice@example.com: link to http://login.example-bank.com.evil.io/verify "
    + "hosted on 203.0.113.7, see also https://cdn.evil.io/a.js and 198.51.100.23. Ticket INC-4021."

let registry: StepRegistry
do {
    registry = try PluginFolder(directory: options.folder, builtIn: .builtIn).registering(into: .builtIn)
} catch {
    FileHandle.standardError.write(Data("intake-plugin-bench: \(error)\n(run scripts/build-plugins.sh)\n".utf8))
    exit(2)
}
guard registry["defang"] != nil, registry["mask"] != nil else {
    FileHandle.standardError.write(Data("intake-plugin-bench: no defang/mask in \(options.folder): run scripts/build-plugins.sh\n".utf8))
    exit(2)
}

func compile(_ yaml: String) -> Pipeline {
    do {
        return try PipelineCompiler(registry: registry, place: "bench").compilePipeline(YAMLLoader.load(yaml, file: "bench.yaml"))
    } catch {
        fatalError("bench pipeline \(yaml): \(error)")
    }
}

let cases = [
    BenchCase(name: "built-in lowercase", pipeline: compile("[lowercase]")),
    BenchCase(name: "built-in replace (dots)", pipeline: compile(#"[{replace: {pattern: '(?<=[A-Za-z0-9])\.(?=[A-Za-z0-9])', with: '[.]'}}]"#)),
    BenchCase(name: "wasm mask (WAT)", pipeline: compile("[mask]")),
    BenchCase(name: "wasm defang (C)", pipeline: compile("[defang]")),
]

let context = StepContext(payload: .null)
let input = JSON.string(text)
/// Median nanoseconds per call of `pipeline` over the rounds, and a checksum of the outputs
/// (printed, so the calls cannot be optimised away).
func measure(_ pipeline: Pipeline) -> (Double, Int) {
    var sink = 0
    for _ in 0..<(options.calls / 10) { sink &+= ((try? pipeline.run(input, in: context)) ?? nil) == nil ? 0 : 1 }
    var perCall: [Double] = []
    for _ in 0..<options.rounds {
        let start = ContinuousClock.now
        for _ in 0..<options.calls { sink &+= ((try? pipeline.run(input, in: context)) ?? nil) == nil ? 0 : 1 }
        let elapsed = ContinuousClock.now - start
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        perCall.append(nanoseconds / Double(options.calls))
    }
    return (perCall.sorted()[perCall.count / 2], sink)
}

var sink = 0
let results = cases.map { benchCase in
    let (nanoseconds, checksum) = measure(benchCase.pipeline)
    sink &+= checksum
    return (benchCase.name, nanoseconds)
}
let baseline = results[0].1
print("intake-plugin-bench: \(text.utf8.count)-byte input, \(options.calls) calls × \(options.rounds) rounds, median per call")
print("case                        ns/call   × lowercase")
for (name, nanoseconds) in results {
    let column = name.padding(toLength: 26, withPad: " ", startingAt: 0)
    print("\(column)\(String(format: "%9.0f", nanoseconds))   \(String(format: "%8.1f", nanoseconds / baseline))")
}
print("checksum \(sink)")
