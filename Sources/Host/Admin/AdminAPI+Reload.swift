import HTTPTypes
import Hummingbird
import Transforms

extension AdminAPI {
    /// `POST /api/reload`: reloads the mappers folder (SPEC §12 "Reload"). `200` with the new
    /// generation, each instance's chain and `intake check`'s warnings; `422` with every error
    /// when the folder does not load, the running mappers kept.
    func reload() async throws -> Response {
        switch await reloader.reload(trigger: "api") {
        case .reloaded(let reloaded): return Response.json(reloaded.json)
        case .failed(let generation, let errors):
            throw IngestError(
                .unprocessableContent, "The mappers folder does not load; the running mappers (generation \(generation)) are kept.",
                errors: errors)
        }
    }
}
