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

extension IntakeEnvironment {
    /// The chain of the configured instance `instance` over `source`, for a command: the same
    /// chain `intake serve` builds when `source` is the configuration's own.
    ///
    /// - Throws: `CLIFailure` (exit 2) for a folder that does not load or a chain that names an
    ///   unknown mapper or type.
    func commandChain(for instance: InstanceConfiguration, source: MapperSource) throws -> InstanceChain {
        let mappers = try mappers(source)
        do {
            return try chain(for: instance, in: mappers, toleratesMissing: source.toleratesMissing)
        } catch {
            throw CLIFailure(message: error.description, exitCode: 2)
        }
    }
}
