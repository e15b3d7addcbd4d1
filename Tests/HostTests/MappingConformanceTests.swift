import Foundation
import Testing

@testable import Host

/// The public mapping conformance suite (`shared/conformance/mapping`, SEMANTICS S1–S133), run
/// twice: in-process through `GoldenTestRun`, and through the built binary's `intake test`, so
/// both the engine and the command a user runs are held to the same 79 cases.
///
/// When `../shared` is absent (a bare checkout) the suite shows as skipped with the path it
/// looked for; `scripts/test.sh` refuses to run without it when `CI=true`.
@Suite(.enabled(if: IntakeBinary.hasShared("conformance/mapping/mappers"), IntakeBinary.sharedAbsent("conformance/mapping/mappers")))
struct MappingConformanceTests {
    static let suite = IntakeBinary.shared("conformance/mapping")
    static let expectedCases = 79

    @Test func everyCaseMatchesInProcess() throws {
        let (count, failures, _) = try GoldenTestRun(directory: Self.suite.path, environment: .standard(logger: .command)).run()
        #expect(count == Self.expectedCases)
        for failure in failures {
            Issue.record("\(failure.name):\n  \(failure.lines.joined(separator: "\n  "))")
        }
        #expect(failures.isEmpty)
    }

    @Test(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first"))
    func everyCaseMatchesThroughTheBinary() throws {
        // Run from the package root with the relative path the suite's README gives.
        let outcome = try IntakeBinary.run(["test", "../shared/conformance/mapping"], in: IntakeBinary.packageRoot)
        #expect(outcome.status == 0, "\(outcome)")
        let summary = outcome.stdout.split(separator: "\n").last.map(String.init)
        #expect(summary == "\(Self.expectedCases) passed, 0 failed", "\(outcome)")
        #expect(!outcome.stdout.contains("FAIL"))
    }
}
