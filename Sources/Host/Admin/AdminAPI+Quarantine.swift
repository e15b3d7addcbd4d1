import Hummingbird
import Transforms

extension AdminAPI {
    /// `GET /api/quarantine?instance=&limit=&cursor=`: the open quarantined payloads, newest
    /// first, one page.
    func listQuarantined(_ request: Request) async throws -> Response {
        let parameters = AdminParameters(request)
        let query = QuarantineQuery(instance: parameters.text("instance"), limit: try parameters.limit(), cursor: parameters.text("cursor"))
        let page = try await AdminResponse.store(logger) { try await store.quarantined(query) }
        return AdminResponse.page("quarantined", items: page.items.map(\.adminJSONText), nextCursor: page.nextCursor)
    }
}

extension QuarantinedPayload {
    /// One element of `{"quarantined": [...]}`: `id`, `instance`, `received`, `errors`,
    /// `mapper` (null for the default mapping), `payload`, `headers`; stored texts copied.
    var adminJSONText: String {
        var json = JSONText()
        json.beginObject()
        json.string("id", id)
        json.string("instance", instance)
        json.string("received", received.rfc3339)
        json.raw("errors", JSON.array(errors.map(JSON.string)).serialized())
        if let mapperName { json.string("mapper", mapperName) } else { json.raw("mapper", "null") }
        json.raw("payload", payloadText)
        json.raw("headers", headersText)
        json.endObject()
        return json.text
    }
}
