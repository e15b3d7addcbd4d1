import ArgumentParser
import Transforms

/// `intake check`: loads and compiles the mappers and types, then reasons about them.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load and compile mappers and incident types; report mistakes as file:line:column.",
        discussion: "Exit status: 0 ok (warnings allowed), 2 errors.")

    @Option(help: "The folder of mapper and incident-type files (default: ./mappers).")
    var mappers: String?

    @Option(name: .customLong("default-type"), help: "The instance type the chain falls back to (default: Unclassified).")
    var defaultType: String = "Unclassified"

    func run() throws {
        let status = CLIFailure.reporting {
            let directory = mappers ?? "mappers"
            let catalog: MapperCatalog
            do { catalog = try MapperCatalog.load(directory: directory) } catch {
                throw CLIFailure(message: "\(error)", exitCode: 2)
            }
            let chain: MappingChain
            do { chain = try MappingChain(catalog: catalog, mapperNames: nil, defaultType: defaultType) } catch {
                throw CLIFailure(message: "\(error)", exitCode: 2)
            }
            let warnings = MapperLint.warnings(for: chain)
            for warning in warnings { printError("warning: \(warning)") }
            print("\(directory): \(catalog.mappers.count) mappers, \(catalog.types.names.count) incident types, \(warnings.count) warnings")
            return 0
        }
        if status != 0 { throw ExitCode(status) }
    }
}
