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
    /// file or the new one) and the mappers reloaded as by `POST /api/reload` (SPEC §12), so the
    /// next request maps with it. Answers `{"saved": file, "instances": [names whose chain
    /// holds it], "warnings": [...], "generation": N}`; `400` with every error as
    /// `file:line:column: message` and nothing written otherwise.
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
        try check(candidate: (file, text), named: name)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            logger.error("admin API: cannot write a mapper", metadata: ["file": "\(file)", "error": "\(error)"])
            throw IngestError(.internalServerError, "Cannot write \(file): \(error.localizedDescription)")
        }
        logger.notice("mapper saved through the admin API", metadata: ["file": "\(file)"])
        switch await reloader.reload(trigger: "save") {
        case .reloaded(let reloaded):
            let holding = reloaded.chains.keys.sorted().filter { reloaded.chains[$0, default: []].contains(name) }
            return Response.json([
                "saved": .string(file),
                "instances": .array(holding.map(JSON.string)),
                "warnings": .array(reloaded.warnings.map(JSON.string)),
                "generation": .number(.int(reloaded.generation)),
            ])
        case .failed(let generation, let errors):
            // Checked a moment ago: another file of the folder changed in between.
            throw IngestError(
                .unprocessableContent,
                "\(file) is written, but the mappers folder does not reload; the running mappers (generation \(generation)) are kept.",
                errors: errors)
        }
    }

    /// Checks the folder with `candidate` in place, as `intake check --config` would: every
    /// file compiles, the candidate declares the mapper `name`, every instance's chain builds.
    ///
    /// - Throws: `400` with every error.
    private func check(candidate: (file: String, text: String), named name: String) throws(IngestError) {
        let catalog: MapperCatalog
        do {
            catalog = try MapperCatalog.load(directory: configuration.mappers, registry: service.steps, candidate: candidate)
        } catch {
            throw IngestError(.badRequest, "The mapper is not saved: the folder would not load.", errors: error.errors.map(\.description))
        }
        guard catalog.mapper(named: name)?.file == candidate.file else {
            let declared = catalog.mappers.first { $0.file == candidate.file }?.name ?? "no mapper"
            throw IngestError(
                .badRequest,
                "The mapper is not saved: the text declares '\(IngestError.printable(declared))', not '\(name)'; "
                    + "set 'mapper: \(name)' or save it under its own name.")
        }
        let mappers = CompiledMappers(catalog: catalog, steps: service.steps)
        var errors: [String] = []
        for instance in configuration.instances {
            do {
                _ = try reloader.environment.chain(for: instance, in: mappers, toleratesMissing: configuration.isEmbeddedDefault)
            } catch {
                errors += error.errors.map { "instance '\(instance.name)': \($0)" }
            }
        }
        guard errors.isEmpty else {
            throw IngestError(.badRequest, "The mapper is not saved: an instance's chain would not build.", errors: errors)
        }
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
