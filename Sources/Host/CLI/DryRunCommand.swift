import ArgumentParser
import Transforms

/// `intake dry-run`: maps payload files without storing anything (SPEC §9, SEMANTICS S130–S132).
struct DryRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dry-run",
        abstract: "Map payloads without storing them and print what would be stored.",
        discussion: "Exit status: 0 every payload mapped, 1 some quarantined, 2 a usage, mapper or payload-file error.")

    @Option(help: "The folder of mapper and incident-type files (default: ./mappers).")
    var mappers: String?

    @Option(name: .customLong("mapper"), help: "A mapper name in the folder, or a mapper file; repeat for a chain.")
    var mapperReferences: [String] = []

    @Option(name: .customLong("default-type"), help: "The instance's incident type (default: Unclassified).")
    var defaultType: String = "Unclassified"

    @Option(name: .customLong("received-at"), help: "The time received, RFC 3339 (default: now).")
    var receivedAt: String?

    @Option(name: .customLong("header"), help: "A request header \"Name: value\" for header steps; repeatable.")
    var headers: [String] = []

    @Flag(help: "Add a trace of every step to each element.")
    var explain = false

    @Argument(help: "Payload files (a JSON array file is one payload per element).")
    var payloads: [String] = []

    func run() throws {
        let status = CLIFailure.reporting {
            guard !payloads.isEmpty else { throw CLIFailure.usage("dry-run: give at least one payload file") }
            let plan = try DryRunPlan.make(
                mappersDirectory: mappers,
                mapperReferences: mapperReferences.isEmpty ? nil : mapperReferences,
                defaultType: defaultType, receivedAt: try Instant.parseOption(receivedAt),
                headers: try parseHeaderOptions(headers), explain: explain)
            var elements: [JSON] = []
            for path in payloads { elements += try plan.map(file: path, source: path) }
            FileHandleOutput.writeStandardOutput(JSON.array(elements).prettySerialized() + "\n")
            return elements.contains { $0.objectValue?["status"] == "quarantined" } ? 1 : 0
        }
        if status != 0 { throw ExitCode(status) }
    }
}
