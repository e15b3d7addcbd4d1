/// Everything `intake serve` reads from `intake.yaml` (SPEC §3).
///
/// Paths in it are already absolute (resolved from the config file's folder) and `${NAME}`
/// already replaced, so the rest of the host never sees a relative path or a placeholder.
package struct IntakeConfiguration: Sendable, Equatable {
    /// Where the listener binds.
    package var listen: ListenConfiguration = ListenConfiguration()
    /// Where incidents are kept. Default: SQLite `intake.db` beside the config file.
    package var storage: StorageConfiguration
    /// The folder of mapper and incident-type files. Default: `mappers` beside the config file.
    package var mappers: String
    /// Access to `/api/*`.
    package var admin: AdminConfiguration = AdminConfiguration()
    /// Bounds on requests.
    package var limits: LimitsConfiguration = LimitsConfiguration()
    /// WebAssembly steps: their folder and sandbox.
    package var plugins: PluginsConfiguration = PluginsConfiguration()
    /// The ingestion endpoints, in file order.
    package var instances: [InstanceConfiguration] = []
    /// What happens after an incident is stored (SPEC §13), in file order.
    package var actions: [ActionConfiguration] = []
    /// The file it was read from, or `<embedded intake.yaml>`.
    package var source: String
    /// Whether this is the embedded default (no `--config`): a mapper it names that the
    /// mappers folder lacks is then a warning, not an error, so `intake serve` runs anywhere.
    package var isEmbeddedDefault: Bool = false

    package init(storage: StorageConfiguration, mappers: String, source: String) {
        self.storage = storage
        self.mappers = mappers
        self.source = source
    }

    /// The instance named `name`, if any.
    package func instance(named name: String) -> InstanceConfiguration? {
        instances.first { $0.name == name }
    }
}
