import Logging
import Transforms

/// One instance's chain, built the one way the listener and every command build it.
package struct InstanceChain: Sendable {
    /// The mapper names actually in the chain (the embedded default drops names its folder lacks).
    package var mapperNames: [String]
    package var chain: MappingChain
}

extension IntakeEnvironment {
    /// The chain of `instance` over a compiled folder. With `toleratesMissing` (the embedded
    /// default), a mapper the folder lacks is logged and skipped; otherwise it is an error.
    ///
    /// - Throws: `SourceErrors` for a chain that names an unknown mapper or an undeclared type.
    package func chain(
        for instance: InstanceConfiguration, in mappers: CompiledMappers, toleratesMissing: Bool
    ) throws(SourceErrors) -> InstanceChain {
        var names = instance.mappers
        if toleratesMissing {
            let missing = names.filter { mappers.catalog.mapper(named: $0) == nil }
            if !missing.isEmpty {
                logger.warning(
                    "mappers not found; the instance uses the default mapping for them",
                    metadata: [
                        "instance": "\(instance.name)", "missing": "\(missing.joined(separator: ", "))",
                        "folder": "\(mappers.catalog.directory)",
                    ])
                names.removeAll { missing.contains($0) }
            }
        }
        var chain = try MappingChain(catalog: mappers.catalog, mapperNames: names, defaultType: instance.incidentType)
        chain.onUnmatched = instance.onUnmatched.chainPolicy
        return InstanceChain(mapperNames: names, chain: chain)
    }
}
