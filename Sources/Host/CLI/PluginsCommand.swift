import ArgumentParser
import Foundation
import Transforms

/// `intake plugins`: the steps mappers can use (SPEC §11).
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "The steps mappers can use: built-in, WebAssembly and Swift.",
        subcommands: [ListPluginsCommand.self])
}

/// `intake plugins list`: every step with its version, argument and source.
struct ListPluginsCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print every step available, with its version, argument schema and source.",
        discussion: """
            WebAssembly steps are read from the configuration's plugin folder (plugins.folder, \
            default: plugins/ in the mappers folder), or from --mappers DIR/plugins. \
            Exit status: 0, or 2 when a plugin does not load.
            """)

    @OptionGroup var options: ConfigurationOptions

    @Option(help: "A mappers folder: the plugins in its plugins/ folder (default: the config's, else ./mappers).")
    var mappers: String?

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    func run(in environment: IntakeEnvironment) async throws {
        let status = CLIFailure.reporting {
            let configuration = try options.config.map { try CLIConfiguration.load($0) }
            let source = configuration?.mapperSource(overriddenBy: mappers) ?? MapperSource(directory: mappers ?? "mappers")
            let registry = try environment.steps(for: source)
            let definitions = registry.names.compactMap { registry[$0] }
            if json {
                print(JSON.array(definitions.map(\.listing)).prettySerialized())
            } else {
                print(StepTable(definitions).text, terminator: "")
            }
            return 0
        }
        if status != 0 { throw ExitCode(status) }
    }
}

extension StepDefinition {
    /// One entry of `intake plugins list --json`.
    var listing: JSON {
        var object = JSONObject()
        object["name"] = .string(name)
        object["kind"] = .string(kindName)
        object["version"] = version.map(JSON.string) ?? .null
        object["source"] = .string(sourceName)
        object["summary"] = .string(signature.summary)
        object["argument"] = argumentSchema ?? .string(argumentText)
        return .object(object)
    }

    var kindName: String {
        switch origin {
        case .builtIn: "built-in"
        case .webAssembly: "wasm"
        case .swift: "swift"
        }
    }

    var sourceName: String {
        switch origin {
        case .builtIn: "intake"
        case .webAssembly(let file): file
        case .swift(let module): module.isEmpty ? "swift" : module
        }
    }

    /// A built-in's argument as its signature says: `none`, `required`, `optional`, with options.
    var argumentText: String {
        let main =
            switch signature.argument {
            case .none: "none"
            case .required: "required"
            case .optional: "optional"
            }
        return signature.options.isEmpty ? main : "\(main); options: \(signature.options.joined(separator: ", "))"
    }
}

/// The table `intake plugins list` prints: one line per step, columns aligned, the argument
/// last because a JSON Schema is long.
struct StepTable {
    var rows: [[String]]

    init(_ definitions: [StepDefinition]) {
        rows = [["STEP", "KIND", "VERSION", "SOURCE", "ARGUMENT"]]
        for definition in definitions {
            let argument = definition.argumentSchema.map { $0.serialized() } ?? definition.argumentText
            rows.append([definition.name, definition.kindName, definition.version ?? "-", definition.sourceName, argument])
        }
    }

    var text: String {
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            (0..<4).map { row[$0].padding(toLength: widths[$0] + 2, withPad: " ", startingAt: 0) }.joined() + row[4]
        }.joined(separator: "\n") + "\n"
    }
}
