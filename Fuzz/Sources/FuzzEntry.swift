#if canImport(Glibc)
import Glibc
#endif

// The process entry of `intake-fuzz`.
//
// Built with `--sanitize=fuzzer -Xswiftc -DFUZZING` (scripts/fuzz.sh), libFuzzer owns `main`
// and calls `LLVMFuzzerTestOneInput` with each input; the target is named by the
// `INTAKE_FUZZ_TARGET` environment variable. In an ordinary build the same checks run over
// files given on the command line, so that a finding replays in the debugger without the
// sanitizer build, and so that every build type-checks the fuzz targets.

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzTarget.selected.run(input)
    return 0
}
#else
@main
enum ReplayInputs {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
            print("usage: intake-fuzz TARGET FILE... (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
            exit(2)
        }
        for path in arguments.dropFirst() {
            target.run(readInput(path))
            print("\(path): ok")
        }
    }
}
#endif
