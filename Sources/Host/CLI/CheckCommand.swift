import ArgumentParser
import Foundation
import Transforms

/// `intake check`: loads and compiles the configuration, mappers and types, then reasons about
/// them (SPEC §9, §10 "Load-time checking").
struct CheckCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load and compile config, mappers and incident types; report mistakes as file:line:column.",
        discussion: """
            With --config, every instance's chain is checked with its own default type; with \
            --mappers (default ./mappers), every mapper of the folder with --default-type. \
            Warnings (exit 0): fields no selectable type declares, lookup results used as types \
            that name no declared type, required fields no pipeline produces, fields read by \
            name (field:, {{ name }}) that can only be missing, dedup template parts with no \
            value in the example payloads of samples/ beside the mappers folder. \
            Exit status: 0 ok (warnings allowed), 2 errors.
            """)

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "The folder of mapper and incident-type files (default: the config's, else ./mappers).")
    var mappers: String?

    @Option(name: .customLong("default-type"), help: "Without --config: the type the chain falls back to.")
    var defaultType: String = "Unclassified"

    func run(in environment: IntakeEnvironment) async throws {
        let status = CLIFailure.reporting {
            var chains: [(label: String, chain: MappingChain)] = []
            let directory: String
            let catalog: MapperCatalog
            // `--mappers` alone checks that folder; otherwise the configuration a command finds.
            let config = options.config ?? (mappers == nil ? CLIConfiguration.discoveredFile() : nil)
            if let config {
                let configuration = try CLIConfiguration.load(config)
                var source = configuration.mapperSource(overriddenBy: mappers)
                source.toleratesMissing = false
                directory = source.directory
                catalog = try environment.mappers(source).catalog
                for instance in configuration.instances {
                    do {
                        let chain = try MappingChain(catalog: catalog, mapperNames: instance.mappers, defaultType: instance.incidentType)
                        chains.append(("instance \(instance.name)", chain))
                    } catch {
                        throw CLIFailure(message: "\(config): instance '\(instance.name)': \(error)", exitCode: 2)
                    }
                }
                try Self.checkActionTypes(configuration.actions, types: catalog.types.names)
            } else {
                directory = mappers ?? "mappers"
                catalog = try environment.mappers(MapperSource(directory: directory)).catalog
            }
            do {
                chains.append(("folder", try MappingChain(catalog: catalog, mapperNames: nil, defaultType: defaultType)))
            } catch {
                throw CLIFailure(message: "\(error)", exitCode: 2)
            }
            // The golden-test payloads beside the mappers folder show what no reading of the
            // files can: a dedup path that is missing from real payloads.
            let payloadFiles = DedupSampleCheck.payloadFiles(
                in: ((directory as NSString).deletingLastPathComponent as NSString).appendingPathComponent("samples"))
            var seen = Set<String>()
            for (_, chain) in chains {
                let warnings = MapperLint.warnings(for: chain) + DedupSampleCheck.warnings(for: chain, payloadFiles: payloadFiles)
                for warning in warnings where seen.insert(warning).inserted {
                    printError("warning: \(warning)")
                }
            }
            let instances = config == nil ? "" : ", " + counted(chains.count - 1, "instance")
            print(
                "\(directory): \(counted(catalog.mappers.count, "mapper")), \(counted(catalog.types.names.count, "incident type"))\(instances), "
                    + counted(seen.count, "warning"))
            return 0
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// Every type an action's `when.types` names is declared: a misspelt type would silently
    /// never trigger the action.
    static func checkActionTypes(_ actions: [ActionConfiguration], types: [String]) throws(CLIFailure) {
        var errors: [String] = []
        for action in actions {
            for type in (action.selection.types ?? []).sorted() where !types.contains(type) {
                let place = action.selection.typesMark.map { "\($0): " } ?? ""
                errors.append(
                    "\(place)action '\(action.name)': when.types names '\(type)', which no incident type declares (declared: \(types.joined(separator: ", ")))"
                )
            }
        }
        if !errors.isEmpty { throw CLIFailure(message: errors.joined(separator: "\n"), exitCode: 2) }
    }
}

/// `1 warning`, `2 warnings`: the summary line reads as English for every count.
private func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
