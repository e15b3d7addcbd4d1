import Hummingbird
import Logging

extension AdminAPI {
    /// `GET /api/actions?status=&incident=&limit=&cursor=`: deliveries, newest first, one page.
    func listDeliveries(_ request: Request) async throws -> Response {
        let parameters = AdminParameters(request)
        var status: DeliveryStatus?
        if let text = parameters.text("status") {
            guard let known = DeliveryStatus(rawValue: text) else {
                throw IngestError(
                    .badRequest,
                    "status: '\(IngestError.printable(text))' is not one of \(DeliveryStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            status = known
        }
        let query = DeliveryQuery(
            status: status, incident: parameters.text("incident"), limit: try parameters.limit(), cursor: parameters.text("cursor"))
        let page = try await AdminResponse.store(logger) { try await store.deliveries(query) }
        return AdminResponse.page("deliveries", items: page.items.map(\.jsonText), nextCursor: page.nextCursor)
    }

    /// `GET /api/actions/{id}`: one delivery, `404` when there is none.
    func showDelivery(id: String) async throws -> Response {
        guard let delivery = try await AdminResponse.store(logger, { try await store.delivery(id: id) }) else {
            throw IngestError(.notFound, "No delivery with id '\(IngestError.printable(id))'.")
        }
        return AdminResponse.json(text: delivery.jsonText)
    }

    /// `POST /api/actions/{id}/retry`: the delivery pending again, due now, with a fresh set of
    /// attempts; `404` when there is none.
    func retryDelivery(id: String) async throws -> Response {
        let now = service.now()
        guard let delivery = try await AdminResponse.store(logger, { try await store.retryDelivery(id: id, at: now) }) else {
            throw IngestError(.notFound, "No delivery with id '\(IngestError.printable(id))'.")
        }
        logger.info("delivery retried from the admin API", metadata: ["delivery": "\(delivery.id)", "action": "\(delivery.action)"])
        return AdminResponse.json(text: delivery.jsonText)
    }
}
