import Hummingbird
import Transforms

extension AdminAPI {
    /// The keys `POST /api/quarantine/replay` takes.
    static let replayKeys = ["ids", "instance"]

    /// `POST /api/quarantine/replay`: runs open quarantined payloads through today's chains.
    ///
    /// Body `{"ids": ["q1", …]?, "instance": "forms"?}`; an empty body replays every open
    /// payload. Answers `{"replayed", "created", "duplicate", "still_quarantined",
    /// "not_found", "results"}` (`QuarantineReplay`, shared with `intake replay`).
    func replay(_ request: Request) async throws -> Response {
        let body = try await AdminBody(request, limits: configuration.limits, allowed: Self.replayKeys)
        let instance = try body.string("instance")
        if let instance { _ = try runtime(instance) }
        let ids = try body.array("ids")?.map { id throws(IngestError) -> String in
            guard case .string(let text) = id else { throw IngestError(.badRequest, "ids must be quarantine ids such as \"q17\".") }
            return text
        }
        let summary = try await AdminResponse.store(logger) {
            try await QuarantineReplay(service: service).run(instance: instance, ids: ids)
        }
        return Response.json(summary.json)
    }
}
