import Foundation
import Logging
import Transforms

/// A mappers folder and where its plugin steps come from: what every command that compiles
/// mappers starts from.
package struct MapperSource: Sendable, Equatable {
    package var directory: String
    /// `plugins:`; its folder, when `nil`, is `plugins/` inside `directory`.
    package var plugins: PluginsConfiguration
    /// The embedded default's rule (S130): a missing folder, or a missing mapper an instance
    /// names, is a warning and the default mapping rather than an error, so `intake serve`
    /// runs anywhere.
    package var toleratesMissing: Bool

    package init(directory: String, plugins: PluginsConfiguration = PluginsConfiguration(), toleratesMissing: Bool = false) {
        self.directory = directory
        self.plugins = plugins
        self.toleratesMissing = toleratesMissing
    }

    /// The plugin folder in force.
    package var pluginFolder: String { plugins.folder ?? PluginsConfiguration.defaultFolder(mappers: directory) }
}

extension IntakeConfiguration {
    /// The configured mappers folder with its plugins, tolerant for the embedded default.
    package var mapperSource: MapperSource {
        MapperSource(directory: mappers, plugins: plugins, toleratesMissing: isEmbeddedDefault)
    }

    /// The configured source, or `--mappers DIR` in its place: a folder given on the command
    /// line brings its own `plugins/` and is never tolerated missing.
    func mapperSource(overriddenBy directory: String?) -> MapperSource {
        directory.map { MapperSource(directory: $0) } ?? mapperSource
    }
}

/// A compiled mappers folder with the steps it was compiled with, so a mapper added later (a
/// `--mapper FILE`, an admin dry-run's candidate) may use the same plugin steps.
package struct CompiledMappers: Sendable {
    package var catalog: MapperCatalog
    package var steps: StepRegistry
}

extension IntakeEnvironment {
    /// Loads and compiles a mappers folder with its plugins: the one catalog loader.
    ///
    /// - Throws: `CLIFailure` (exit 2) listing every mistake as `file:line:column: message`.
    package func mappers(_ source: MapperSource) throws(CLIFailure) -> CompiledMappers {
        var isDirectory: ObjCBool = false
        if source.toleratesMissing, !FileManager.default.fileExists(atPath: source.directory, isDirectory: &isDirectory) {
            logger.warning("no mappers folder; every payload takes the default mapping", metadata: ["folder": "\(source.directory)"])
            return CompiledMappers(catalog: MapperCatalog(directory: source.directory), steps: steps)
        }
        let steps = try steps(for: source)
        do {
            return CompiledMappers(catalog: try MapperCatalog.load(directory: source.directory, registry: steps), steps: steps)
        } catch {
            throw CLIFailure(message: error.description, exitCode: 2)
        }
    }
}
