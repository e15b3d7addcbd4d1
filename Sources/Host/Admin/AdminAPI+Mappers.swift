import Foundation
import Hummingbird
import Logging
import Transforms

extension AdminAPI {
    /// The keys `PUT /api/mappers/{name}` takes.
    static let saveMapperKeys = ["mapper"]

    /// `GET /api/mappers/{name}`: a mapper the instances run, as its file holds it:
    /// `{"name", "file", "text"}`; `404` for a mapper no chain holds.
    func showMapper(name: String) throws(IngestError) -> Response {
        guard let mapper = runningMapper(named: name) else {
            throw IngestError(.notFound, "No instance's chain holds a mapper named '\(IngestError.printable(name))'.")
        }
        return Response.json(["name": .string(mapper.name), "file": .string(mapper.file), "text": .string(mapper.sourceText)])
    }

    /// `PUT /api/mappers/{name}`: writes a mapper's file, then maps with it (SPEC §10).
    ///
    /// Body `{"mapper": "<yaml>"}`. The folder it would make is checked first as `intake check
    /// --config` checks it: every file compiles, the text declares the mapper `name`, and every
    /// instance's chain builds. Only then is the file written (atomically: a crash leaves the old
    /// file or the new one) and the instances' chains rebuilt from the folder, so the next
    /// request maps with it. Answers `{"saved": file, "instances": [names whose chain holds
    /// it], "warnings": [...]}`; `400` with every error as `file:line:column: message` and
    /// nothing written otherwise.
    func saveMapper(name: String, request: Request) async throws -> Response {
        guard Self.isMapperFileName(name) else {
            throw IngestError(
                .badRequest,
                "'\(IngestError.printable(name))' cannot be a mapper file name: use letters, digits, '-', '_' and '.', not starting with '.'.")
        }
        let body = try await AdminBody(request, limits: configuration.limits, allowed: Self.saveMapperKeys)
        guard let text = try body.string("mapper") else {
            throw IngestError(.badRequest, "mapper: the mapper's YAML text is required.")
        }
        let directory = configuration.mappers
        let file = runningMapper(named: name)?.file ?? (directory.hasSuffix("/") ? directory : directory + "/") + name + ".yaml"
        let checked = try check(candidate: (file, text), named: name)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            logger.error("admin API: cannot write a mapper", metadata: ["file": "\(file)", "error": "\(error)"])
            throw IngestError(.internalServerError, "Cannot write \(file): \(error.localizedDescription)")
        }
        service.instanceTable.replaceChains(checked.chains)
        logger.notice("mapper saved; chains rebuilt", metadata: ["file": "\(file)", "instances": "\(checked.chains.keys.sorted())"])
        let holding = configuration.instances.map(\.name).filter { instance in
            checked.chains[instance]?.mappers.contains { $0.name == name } ?? false
        }
        return Response.json([
            "saved": .string(file),
            "instances": .array(holding.map(JSON.string)),
            "warnings": .array(checked.warnings.map(JSON.string)),
        ])
    }

    /// The folder with `candidate` in place, checked: every instance's new chain and the
    /// check's warnings.
    private func check(
        candidate: (file: String, text: String), named name: String
    ) throws(IngestError) -> (chains: [String: MappingChain], warnings: [String]) {
        let catalog: MapperCatalog
        do {
            catalog = try MapperCatalog.load(directory: configuration.mappers, registry: service.steps, candidate: candidate)
        } catch {
            throw IngestError(.badRequest, "The mapper is not saved: the folder would not load.", errors: error.errors.map(\.description))
        }
        guard catalog.mapper(named: name)?.file == candidate.file else {
            let declared = catalog.mappers.first { $0.file == candidate.file }?.name ?? "no mapper"
            throw IngestError(
                .badRequest, "The mapper is not saved: the text declares '\(IngestError.printable(declared))', not '\(name)'; "
                    + "set 'mapper: \(name)' or save it under its own name.")
        }
        let mappers = CompiledMappers(catalog: catalog, steps: service.steps)
        var chains: [String: MappingChain] = [:]
        var errors: [String] = []
        for instance in configuration.instances {
            do {
                chains[instance.name] = try service.environment.chain(
                    for: instance, in: mappers, toleratesMissing: configuration.isEmbeddedDefault
                ).chain
            } catch {
                errors += error.errors.map { "instance '\(instance.name)': \($0)" }
            }
        }
        guard errors.isEmpty else {
            throw IngestError(.badRequest, "The mapper is not saved: an instance's chain would not build.", errors: errors)
        }
        var warnings: [String] = []
        for chain in chains.values {
            for warning in MapperLint.warnings(for: chain) where !warnings.contains(warning) { warnings.append(warning) }
        }
        return (chains, warnings)
    }

    /// The running mapper called `name`, from whichever instance's chain holds it.
    private func runningMapper(named name: String) -> Mapper? {
        for runtime in service.instances.values {
            if let mapper = runtime.chain.mappers.first(where: { $0.name == name }) { return mapper }
        }
        return nil
    }

    /// A name that is safe as `NAME.yaml` inside the mappers folder.
    static func isMapperFileName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != ".", name.count <= 128 else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar))
        }
    }
}
