import Hummingbird
import Logging
import Transforms

/// Builds the routes of the main listener and of instances' own ports.
///
/// This is the one place routes are added: the admin API (`/api/*`) and `/metrics` belong in
/// `mainRouter`, next to the ingestion and health routes, and get the same service, store and
/// configuration.
package enum IntakeRouter {
    /// The methods answered with `405` on ingestion routes (anything but POST).
    static let refusedMethods: [HTTPRequest.Method] = [.get, .head, .put, .delete, .patch, .options]

    /// The main listener: ingestion, `GET /healthz`, `GET /readyz`, `GET /metrics` and the
    /// admin API under `/api`.
    package static func mainRouter(
        service: IngestionService, store: any IncidentStore, configuration: IntakeConfiguration
    ) -> Router<IntakeRequestContext> {
        let router = Router(context: IntakeRequestContext.self)
        router.add(middleware: JSONErrorMiddleware())
        for path in ["/instance/execute/:instance", "/xsoar/instance/execute/:instance"] {
            router.post(RouterPath(path)) { request, context in
                try await service.ingest(
                    instance: context.parameters.require("instance"), request: request, isConnected: context.isConnected)
            }
            refuseOtherMethods(on: router, path: RouterPath(path), service: service) { context in
                context.parameters.get("instance") ?? ""
            }
        }
        addHealthRoutes(to: router, store: store)
        AdminAPI.addRoutes(to: router, service: service, store: store)
        MetricsEndpoint.addRoute(to: router, store: store)
        return router
    }

    /// An instance's own port: `POST /` reaches that instance only.
    package static func instanceRouter(
        service: IngestionService, instance: String, store: any IncidentStore
    ) -> Router<IntakeRequestContext> {
        let router = Router(context: IntakeRequestContext.self)
        router.add(middleware: JSONErrorMiddleware())
        router.post("/") { request, context in
            try await service.ingest(instance: instance, request: request, isConnected: context.isConnected)
        }
        refuseOtherMethods(on: router, path: "/", service: service) { _ in instance }
        addHealthRoutes(to: router, store: store)
        return router
    }

    /// `405` for every method but POST, counted in `intake_requests_total` like any answer.
    static func refuseOtherMethods(
        on router: Router<IntakeRequestContext>, path: RouterPath, service: IngestionService,
        instance: @escaping @Sendable (IntakeRequestContext) -> String
    ) {
        for method in refusedMethods {
            router.on(path, method: method) { _, context -> Response in
                IntakeMetrics.countRequest(instance: service.metricsLabel(instance(context)), status: 405)
                throw IngestError.methodNotAllowed
            }
        }
    }

    /// `GET /healthz`: the process answers. `GET /readyz`: the store answers too.
    static func addHealthRoutes(to router: Router<IntakeRequestContext>, store: any IncidentStore) {
        router.get("/healthz") { _, _ in Response.json(["status": "ok"]) }
        router.get("/readyz") { _, _ in
            await store.isReachable()
                ? Response.json(["status": "ok"])
                : Response.json(["status": "unavailable", "error": "The store is not reachable."], status: .serviceUnavailable)
        }
    }
}

/// Gives every error response the one JSON shape `{"error": "…"}` (STYLE 5), including
/// Hummingbird's own (`404` for an unknown route).
struct JSONErrorMiddleware: RouterMiddleware {
    typealias Context = IntakeRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as IngestError {
            if error.closesConnection { context.closeAfterLinger() }
            throw error
        } catch let error as HTTPError {
            throw IngestError(error.status, error.body ?? error.status.reasonPhrase, headers: error.headers)
        } catch {
            // Never a stack of internal detail to the client (STYLE 5); the log has the error.
            context.logger.error("request failed", metadata: ["error": "\(String(describing: type(of: error)))"])
            throw IngestError(.internalServerError, "Internal error.")
        }
    }
}
