import Hummingbird

extension AdminAPI {
    /// `GET /api/incidents?instance=&type=&since=&limit=&cursor=`: newest first, one page.
    func listIncidents(_ request: Request) async throws -> Response {
        let parameters = AdminParameters(request)
        let query = IncidentQuery(
            instance: parameters.text("instance"), type: parameters.text("type"), since: try parameters.since(),
            limit: try parameters.limit(), cursor: parameters.text("cursor"))
        let page = try await AdminResponse.store(logger) { try await store.incidents(query) }
        return AdminResponse.page("incidents", items: page.items.map { $0.jsonText() }, nextCursor: page.nextCursor)
    }

    /// `GET /api/incidents/{id}[?raw=1][&explain=1]`: one incident, `404` when there is none;
    /// explaining adds its provenance and its action deliveries.
    func showIncident(id: String, request: Request) async throws -> Response {
        let parameters = AdminParameters(request)
        let raw = try parameters.flag("raw")
        let explain = try parameters.flag("explain")
        guard let incident = try await AdminResponse.store(logger, { try await store.incident(id: id) }) else {
            throw IngestError(.notFound, "No incident with id '\(IngestError.printable(id))'.")
        }
        let deliveries =
            explain
            ? try await AdminResponse.store(logger) {
                try await store.deliveries(DeliveryQuery(incident: id, limit: IncidentQuery.maximumLimit)).items
            } : nil
        return AdminResponse.json(text: incident.jsonText(raw: raw, provenance: explain, deliveries: deliveries))
    }
}
