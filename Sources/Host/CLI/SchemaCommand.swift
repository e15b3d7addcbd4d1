import ArgumentParser
import Foundation
import Transforms

/// `intake schema mapper|types|config`: a JSON Schema for editors (docs/editors.md), with the
/// steps of the configuration's registry, plugins included.
struct SchemaCommand: EnvironmentCommand {
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        /// A file of the mappers folder: a mapper or an incident-types file.
        case mapper
        case types
        case config
    }

    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a JSON Schema of mapper, incident-type or configuration files, for editors.",
        discussion: """
            'mapper' accepts every file of a mappers folder (a mapper or an incident_types: file), \
            with every step the configuration can use, plugins included; 'types' an incident_types: \
            file; 'config' intake.yaml. Save it and point yaml-language-server at it (docs/editors.md). \
            Exit status: 0, or 2 a usage or configuration error (or a plugin that does not load).
            """)

    @OptionGroup var options: ConfigurationOptions

    @Argument(help: "What the schema describes: mapper, types or config.")
    var kind: Kind

    @Option(help: "A mappers folder whose plugins/ to include (default: the configuration's).")
    var mappers: String?

    func run(in environment: IntakeEnvironment) async throws {
        let status = CLIFailure.reporting {
            let schema: JSON
            switch kind {
            case .mapper:
                let configuration = try CLIConfiguration.load(options.config)
                schema = EditorSchema.mappersFolderFile(steps: try environment.steps(for: configuration.mapperSource(overriddenBy: mappers)))
            case .types: schema = EditorSchema.incidentTypes()
            case .config: schema = ConfigurationSchema.document
            }
            StoredJSON.print(schema)
            return 0
        }
        if status != 0 { throw ExitCode(status) }
    }
}
