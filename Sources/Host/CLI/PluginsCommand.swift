import Foundation
import ArgumentParser
import Plugins
import Transforms

/// `intake plugins`: the steps mappers can use (SPEC §11).
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "The steps mappers can use: built-in, WebAssembly and Swift.",
        subcommands: [ListPluginsCommand.self])
}

/// `intake plugins list`: every step with its version, argument and source.
struct ListPluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print every step available, with its version, argument schema and source.",
        discussion: """
            WebAssembly steps are read from the configuration's plugin folder (plugins.folder, \
            default: plugins/ in the mappers folder), or from --mappers DIR/plugins. \
            Exit status: 0, or 2 when a plugin does not load.
            """)

    @Option(help: "A configuration file: its plugin folder and limits.")
    var config: String?

    @Option(help: "A mappers folder: the plugins in its plugins/ folder (default: the config's, else ./mappers).")
    var mappers: String?

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    func run() throws {
        let status = CLIFailure.reporting {
            let registry = try StepCatalogLoader.registry(config: config, mappers: mappers)
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

/// The registry a command without a listener builds: the built-ins and the plugin folder.
enum StepCatalogLoader {
    static func registry(config: String?, mappers: String?) throws -> StepRegistry {
        let configuration = try config.map(CLIConfiguration.load)
        return try registry(mappers: mappers ?? configuration?.mappers ?? "mappers", plugins: mappers == nil ? configuration?.plugins : nil)
    }

    /// The built-ins and the plugins for a mappers folder: `plugins.folder` when a
    /// configuration gives one, else `plugins/` inside the folder.
    ///
    /// - Throws: `CLIFailure` (exit 2) listing every plugin that does not load.
    static func registry(mappers directory: String, plugins: PluginsConfiguration?) throws -> StepRegistry {
        let folder = plugins?.folder ?? PluginsConfiguration.defaultFolder(mappers: directory)
        do {
            return try StepRegistry.withPlugins(in: folder, limits: plugins?.limits ?? PluginLimits())
        } catch {
            throw CLIFailure(message: "\(error)", exitCode: 2)
        }
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
        let main = switch signature.argument {
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
