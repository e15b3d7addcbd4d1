import ArgumentParser

/// `intake test [DIR]`: the golden-file tests of SEMANTICS S133.
struct TestCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Map every samples/**/X.json with DIR/mappers and compare with X.expected.json.",
        discussion: """
            Exit status: 0 every case matches, 1 some differ (a diff each), 2 a usage or mapper error, \
            or a case that cannot run (a bad X.args.json, an unreadable payload or expected file).
            """)

    /// Optional rather than defaulting to "." so the help says "the current folder" once,
    /// not again as ArgumentParser's "(default: .)".
    @Argument(help: "The folder holding mappers/ and samples/ (default: the current folder).")
    var directory: String?

    @Flag(
        help:
            "Rewrite the expected file of each case that differs with what dry-run prints now (\"<any>\" masks are kept). Review the diff before committing."
    )
    var update = false

    @Option(help: "Only the cases whose path (samples/…) contains this text.")
    var filter: String?

    func run(in environment: IntakeEnvironment) async throws {
        let status = CLIFailure.reporting {
            let run = GoldenTestRun(directory: directory ?? ".", environment: environment, filter: filter, update: update)
            let (count, failures, updated) = try run.run()
            for name in updated { print("UPDATED \(name)") }
            for failure in failures {
                print("\(failure.isError ? "ERROR" : "FAIL") \(failure.name)")
                for line in failure.lines { print("  \(line)") }
            }
            let updates = update ? ", \(updated.count) updated" : ""
            print("\(count - failures.count - updated.count) passed\(updates), \(failures.count) failed")
            // Every case still runs, so one bad args file does not hide the others' diffs.
            if failures.contains(where: \.isError) { return 2 }
            return failures.isEmpty ? 0 : 1
        }
        if status != 0 { throw ExitCode(status) }
    }
}
