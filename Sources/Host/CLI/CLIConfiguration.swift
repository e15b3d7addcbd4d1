import Foundation
import Transforms

/// The configuration a command reads (SPEC §12 "Configuration discovery"): `--config FILE`,
/// else `$INTAKE_CONFIG`, else `./intake.yaml` when present, else the embedded default
/// (SEMANTICS S130) — so `intake dry-run --instance concerns` in the folder that holds the
/// configuration finds it, and `intake incidents list` where `intake serve` runs finds its
/// database with no flags.
enum CLIConfiguration {
    /// The file a command without `--config` reads, or nil for the embedded default.
    static func discoveredFile(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> String? {
        if let path = environment["INTAKE_CONFIG"], !path.isEmpty { return path }
        let local = URL(fileURLWithPath: currentDirectory).appendingPathComponent("intake.yaml").path
        return FileManager.default.fileExists(atPath: local) ? "intake.yaml" : nil
    }

    /// Loads `--config`, else the discovered file, else the embedded default resolved from the
    /// current folder.
    ///
    /// - Parameter listening: `intake serve`: `${NAME}` inside `auth:` must be set. Every other
    ///   command reads the file without the instances' secrets.
    /// - Throws: `CLIFailure` (exit 2) listing every mistake as `file:line:column: message`.
    static func load(_ file: String?, listening: Bool = false) throws -> IntakeConfiguration {
        do {
            if let path = file ?? discoveredFile() {
                return try IntakeConfiguration.load(contentsOf: path, resolvingSecrets: listening)
            }
            return try IntakeConfiguration.embeddedDefault(resolvingSecrets: listening)
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
