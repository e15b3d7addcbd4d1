import Foundation
import Plugins
import Transforms

/// The configuration a store-backed command reads: `--config FILE`, else the embedded default
/// (SEMANTICS S130), so `intake incidents list` in the folder `intake serve` runs in finds the
/// same database with no flags.
enum CLIConfiguration {
    /// Loads `--config`, or the embedded default resolved from the current folder.
    ///
    /// - Throws: `CLIFailure` (exit 2) listing every mistake as `file:line:column: message`.
    static func load(_ file: String?) throws -> IntakeConfiguration {
        do {
            if let file { return try IntakeConfiguration.load(contentsOf: file) }
            return try IntakeConfiguration.embeddedDefault()
        } catch {
            throw CLIFailure(message: error.description, exitCode: 2)
        }
    }

    /// The configured instance called `name`.
    ///
    /// - Throws: `CLIFailure` (exit 2) naming the instances the file does declare.
    static func instance(_ name: String, in configuration: IntakeConfiguration) throws -> InstanceConfiguration {
        guard let instance = configuration.instance(named: name) else {
            let known = configuration.instances.map(\.name).joined(separator: ", ")
            throw CLIFailure.usage(
                "\(configuration.source): no instance named '\(name)' (instances: \(known.isEmpty ? "none" : known))")
        }
        return instance
    }
}

/// One instance's chain as `intake serve` would build it, from a mappers folder.
struct InstanceChain {
    /// The mapper names actually in the chain (the embedded default drops names its folder lacks).
    var mapperNames: [String]
    var chain: MappingChain

    /// Builds the chain of `instance` from the mappers folder `directory`.
    ///
    /// The embedded default tolerates a missing folder or mapper with a warning, as
    /// `intake serve` does; a real configuration does not.
    /// - Throws: `CLIFailure` (exit 2) for a folder that does not load or a chain that names an
    ///   unknown mapper or type.
    init(instance: InstanceConfiguration, directory: String, tolerateMissing: Bool, plugins: PluginsConfiguration? = nil) throws {
        let catalog = try Self.catalog(directory: directory, tolerateMissing: tolerateMissing, plugins: plugins)
        var names = instance.mappers
        if tolerateMissing {
            let missing = names.filter { catalog.mapper(named: $0) == nil }
            if !missing.isEmpty {
                printError(
                    "warning: \(directory): no mapper named \(missing.joined(separator: ", ")); "
                        + "instance '\(instance.name)' uses the default mapping for them")
                names.removeAll { missing.contains($0) }
            }
        }
        mapperNames = names
        do {
            chain = try MappingChain(catalog: catalog, mapperNames: names, defaultType: instance.incidentType)
        } catch {
            throw CLIFailure(message: "\(error)", exitCode: 2)
        }
    }

    /// Loads a mappers folder with its plugins; with `tolerateMissing`, an absent folder is an
    /// empty catalog.
    static func catalog(directory: String, tolerateMissing: Bool, plugins: PluginsConfiguration? = nil) throws -> MapperCatalog {
        var isDirectory: ObjCBool = false
        if tolerateMissing, !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            printError("warning: no mappers folder at \(directory); every payload takes the default mapping")
            return MapperCatalog(directory: directory)
        }
        let registry = try StepCatalogLoader.registry(mappers: directory, plugins: plugins)
        do {
            return try MapperCatalog.load(directory: directory, registry: registry)
        } catch {
            throw CLIFailure(message: "\(error)", exitCode: 2)
        }
    }
}
