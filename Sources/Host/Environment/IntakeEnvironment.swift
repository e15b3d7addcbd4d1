import Logging
import Plugins
import Transforms

/// What the host gives every entry point: the steps mappers may use, the store backends and
/// where log lines go. Built once per process and passed to the listener, every command and,
/// through the ingestion service, the admin API, so a step registered here reaches all of them.
///
/// The configuration is not part of it: it is what the user asked for, read per command (some
/// commands read none), while the environment is what this build of Intake can do.
package struct IntakeEnvironment: Sendable {
    /// The steps before any plugin folder: the built-ins and the host's own Swift steps.
    package var steps: StepRegistry
    /// Opens the store `storage:` names.
    package var stores: StoreFactory
    package var logger: Logger

    /// - Parameter steps: the built-ins plus any Swift steps, e.g.
    ///   `try StepRegistry.builtIn.adding(StepDefinition(MyStep.self))`.
    package init(steps: StepRegistry, stores: StoreFactory = .standard, logger: Logger) {
        self.steps = steps
        self.stores = stores
        self.logger = logger
    }

    /// The `intake` binary's environment: the built-in steps and the standard stores. The one
    /// place Host names the built-in registry.
    package static func standard(logger: Logger) -> IntakeEnvironment {
        IntakeEnvironment(steps: .builtIn, stores: .standard, logger: logger)
    }

    /// The steps a mappers folder may use: `steps`, then every WebAssembly plugin of the
    /// source's plugin folder (SPEC §11). Loaded per folder, so commands that never compile a
    /// mapper never load a plugin.
    ///
    /// - Throws: `CLIFailure` (exit 2) listing every plugin that does not load.
    package func steps(for source: MapperSource) throws(CLIFailure) -> StepRegistry {
        do {
            return try PluginFolder(directory: source.pluginFolder, builtIn: steps, limits: source.plugins.limits)
                .registering(into: steps)
        } catch {
            throw CLIFailure(message: error.description, exitCode: 2)
        }
    }
}
