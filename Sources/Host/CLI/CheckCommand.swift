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
            With --samples, each instance's stored samples (or --instance's alone) are mapped \
            and the drop-down values no lookup maps, the mappers that never match and the \
            mappers shadowed by an earlier one are listed. \
            Exit status: 0 ok (warnings and sample findings allowed), 1 the store cannot be \
            read, 2 errors.
            """)

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "The folder of mapper and incident-type files (default: the config's, else ./mappers).")
    var mappers: String?

    @Option(name: .customLong("default-type"), help: "Without --config: the type the chain falls back to.")
    var defaultType: String = "Unclassified"

    @Flag(help: "Also map the stored samples and report unmapped lookup values, dead and shadowed mappers.")
    var samples = false

    @Option(help: "With --samples: only this instance's samples.")
    var instance: String?

    func run(in environment: IntakeEnvironment) async throws {
        try CLIFailure.exit(
            await CLIFailure.reportingAsync {
                let checked = try check(in: environment)
                guard samples else { return 0 }
                try await reportSamples(checked, in: environment)
                return 0
            })
    }

    /// What the load-time check found to map samples with: the configuration and each
    /// instance's chain, in configuration order.
    struct Checked {
        var configuration: IntakeConfiguration?
        var instanceChains: [(name: String, chain: MappingChain)] = []
    }

    /// The load-time check (SPEC §9): prints the warnings and the summary line.
    private func check(in environment: IntakeEnvironment) throws -> Checked {
        if instance != nil, !samples { throw CLIFailure.usage("check: --instance applies to --samples") }
        var checked = Checked()
        do {
            var chains: [(label: String, chain: MappingChain)] = []
            let directory: String
            let catalog: MapperCatalog
            // `--mappers` alone checks that folder; otherwise the configuration a command finds.
            let config = options.config ?? (mappers == nil ? CLIConfiguration.discoveredFile() : nil)
            if samples, config == nil {
                throw CLIFailure.usage("check: --samples reads the store of a configuration: give --config, or run where intake.yaml is")
            }
            if let config {
                let configuration = try CLIConfiguration.load(config)
                checked.configuration = configuration
                if let instance { _ = try CLIConfiguration.instance(instance, in: configuration) }
                var source = configuration.mapperSource(overriddenBy: mappers)
                source.toleratesMissing = false
                directory = source.directory
                catalog = try environment.mappers(source).catalog
                for instance in configuration.instances {
                    do {
                        let chain = try MappingChain(catalog: catalog, mapperNames: instance.mappers, defaultType: instance.incidentType)
                        chains.append(("instance \(instance.name)", chain))
                        checked.instanceChains.append((instance.name, chain))
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
        } catch let failure as CLIFailure {
            throw failure
        } catch {
            // Anything else the check meets is a mistake in the files: exit 2, as before any sample is read.
            throw CLIFailure(message: "\(error)", exitCode: 2)
        }
        return checked
    }

    /// `--samples`: maps each instance's stored samples with its chain and prints the
    /// ``SampleReport`` of each, one finding a line (SPEC §10).
    private func reportSamples(_ checked: Checked, in environment: IntakeEnvironment) async throws {
        guard let configuration = checked.configuration else { return }
        let chosen = checked.instanceChains.filter { instance == nil || $0.name == instance }
        try await environment.withStore(configuration) { store in
            for (name, chain) in chosen {
                let stored = try await store.samples(instance: name, limit: Int(Int32.max))
                var report = SampleReport(chain: chain)
                for sample in stored {
                    report.add(
                        StoredJSON.value(sample.payloadText), request: MappingRequest(headers: sample.mappingHeaders, receivedAt: sample.received))
                }
                let findings = report.lines
                print("instance \(name): \(counted(report.samples, "stored sample")), \(counted(findings.count, "finding"))")
                for line in findings { print("  \(line)") }
            }
        }
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

/// `1 warning`, `2 warnings`: a summary reads as English for every count.
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
