import Foundation
import Testing

/// In CI the conformance suites must run: there, missing shared data is a failure, not a skip.
@Suite struct SharedDataInCITests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] == "true", "runs only when CI=true"))
    func conformanceDataIsPresentInCI() {
        for relative in ["conformance/mapping/mappers", "conformance/jsonpath-cts.json", "samples"] {
            #expect(
                IntakeBinary.hasShared(relative),
                "CI=true but \(IntakeBinary.shared(relative).path) is absent: the conformance suites would be skipped")
        }
    }
}
