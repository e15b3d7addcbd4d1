import Hummingbird
import Transforms

extension AdminAPI {
    /// `GET /api/instances/{name}/samples?limit=`: the kept payloads, newest first.
    func listSamples(instance name: String, request: Request) async throws -> Response {
        let runtime = try runtime(name)
        let limit = try AdminParameters(request).limit()
        let samples = try await AdminResponse.store(logger) { try await store.samples(instance: runtime.name, limit: limit) }
        var text = #"{"samples":["#
        text += samples.map(\.adminJSONText).joined(separator: ",")
        return AdminResponse.json(text: text + "]}")
    }
}

extension AdminAPI {
    /// `GET /api/instances/{name}/refusals?limit=`: the instance's last signature failures,
    /// newest first, metadata only (SPEC §10); `[]` for an instance without HMAC.
    func listRefusals(instance name: String, request: Request) throws -> Response {
        let runtime = try runtime(name)
        let limit = try AdminParameters(request).limit()
        let records = runtime.signatureRefusals?.newest(limit) ?? []
        return Response.json(["refusals": .array(records.map(\.json))])
    }
}

extension StoredSample {
    /// One element of `{"samples": [...]}`: `id`, `received`, `headers`, `payload`, the
    /// stored texts copied as they are.
    var adminJSONText: String {
        var json = JSONText()
        json.beginObject()
        json.string("id", id)
        json.string("received", received.rfc3339)
        json.raw("headers", headersText)
        json.raw("payload", payloadText)
        json.endObject()
        return json.text
    }
}
