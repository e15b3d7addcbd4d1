import HTTPTypes
import Hummingbird
import Transforms

extension AdminAPI {
    /// `POST /api/reload`: reads `intake.yaml` again and reloads the mappers folder (SPEC §12
    /// "Reload"). `200` with the new generation, each instance's chain, the actions, the
    /// changed settings that need a restart and `intake check`'s warnings; `422` with every
    /// error when the file or the folder does not load, the running set kept.
    func reload() async throws -> Response {
        switch await reloader.reload(trigger: "api") {
        case .reloaded(let reloaded): return Response.json(reloaded.json)
        case .failed(let generation, let errors):
            throw IngestError(
                .unprocessableContent, "The configuration or the mappers folder does not load; the running set (generation \(generation)) is kept.",
                errors: errors)
        }
    }
}
