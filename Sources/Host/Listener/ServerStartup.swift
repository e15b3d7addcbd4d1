import Foundation
import Logging
import Transforms

/// The steps `intake serve` takes before it listens, each failing with a message the
/// operator can act on.
public enum ServerStartup {
    /// A start-up failure: printed to standard error, the process exits with `exitCode`.
    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        /// 2 for a configuration or mapper mistake (as `intake check`), 1 otherwise.
        public var exitCode: Int32
        public var description: String { message }
    }

    /// The configuration: the file, or the embedded default.
    public static func configuration(file: String?) throws(Failure) -> IntakeConfiguration {
        do {
            if let file { return try IntakeConfiguration.load(contentsOf: file) }
            return try IntakeConfiguration.embeddedDefault()
        } catch {
            throw Failure(message: error.description, exitCode: 2)
        }
    }

    /// The mappers folder's catalog. The embedded default tolerates a missing folder (a
    /// warning, and every payload takes the default mapping), so `intake serve` runs anywhere.
    public static func catalog(for configuration: IntakeConfiguration, logger: Logger) throws(Failure) -> MapperCatalog {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: configuration.mappers, isDirectory: &isDirectory)
        if configuration.isEmbeddedDefault, !exists {
            logger.warning("no mappers folder; every payload takes the default mapping", metadata: ["folder": "\(configuration.mappers)"])
            return MapperCatalog(directory: configuration.mappers)
        }
        do {
            return try MapperCatalog.load(directory: configuration.mappers)
        } catch {
            throw Failure(message: error.description, exitCode: 2)
        }
    }

    /// The store the configuration names, migrated.
    public static func store(for configuration: IntakeConfiguration, logger: Logger) async throws(Failure) -> any IncidentStore {
        do {
            let store = try await StoreFactory.open(configuration.storage, logger: logger)
            logger.info("store ready", metadata: ["storage": "\(configuration.storage.logDescription)"])
            return store
        } catch {
            throw Failure(message: "\(configuration.storage.messagePrefix(source: configuration.source))\(error)", exitCode: 1)
        }
    }

    /// The ingestion service over the store, with every instance's chain compiled.
    public static func service(
        configuration: IntakeConfiguration, store: any IncidentStore, catalog: MapperCatalog, logger: Logger
    ) throws(Failure) -> IngestionService {
        do {
            return try IngestionService(configuration: configuration, store: store, catalog: catalog, logger: logger)
        } catch {
            throw Failure(message: error.description, exitCode: 2)
        }
    }
}
