import Hummingbird
import Logging

/// The admin API under `/api` (SPEC §4 "Other routes"): instances, incidents, samples,
/// dry-runs, lookup misses, mappers and the quarantine, for people and scripts that look after an Intake.
///
/// Every route sits behind `AdminGate`. Answers are JSON; errors have the one shape
/// `{"error": "…"}` (with `errors` for a mapper that does not compile).
struct AdminAPI: Sendable {
    let service: IngestionService
    let store: any IncidentStore

    var logger: Logger { service.logger }
    var reloader: Reloader { service.reloader }
    var configuration: IntakeConfiguration { service.configuration }

    /// Adds every `/api/*` route to `router`, behind the admin gate.
    static func addRoutes(to router: Router<IntakeRequestContext>, service: IngestionService, store: any IncidentStore) {
        let api = AdminAPI(service: service, store: store)
        let group = router.group("/api").add(middleware: AdminGate(token: service.configuration.admin.token))
        group.get("/instances") { _, _ in api.listInstances() }
        group.get("/incidents") { request, _ in try await api.listIncidents(request) }
        group.get("/incidents/:id") { request, context in
            try await api.showIncident(id: context.parameters.require("id"), request: request)
        }
        group.get("/instances/:name/samples") { request, context in
            try await api.listSamples(instance: context.parameters.require("name"), request: request)
        }
        group.get("/instances/:name/refusals") { request, context in
            try api.listRefusals(instance: context.parameters.require("name"), request: request)
        }
        group.post("/instances/:name/dry-run") { request, context in
            try await api.dryRun(instance: context.parameters.require("name"), request: request)
        }
        group.post("/instances/:name/sample-report") { request, context in
            try await api.sampleReport(instance: context.parameters.require("name"), request: request)
        }
        group.get("/mappers/:name") { _, context in try api.showMapper(name: context.parameters.require("name")) }
        group.put("/mappers/:name") { request, context in
            try await api.saveMapper(name: context.parameters.require("name"), request: request)
        }
        group.get("/quarantine") { request, _ in try await api.listQuarantined(request) }
        group.post("/quarantine/replay") { request, _ in try await api.replay(request) }
        group.post("/reload") { _, _ in try await api.reload() }
        group.get("/actions") { request, _ in try await api.listDeliveries(request) }
        group.get("/actions/:id") { _, context in try await api.showDelivery(id: context.parameters.require("id")) }
        group.post("/actions/:id/retry") { _, context in try await api.retryDelivery(id: context.parameters.require("id")) }
    }

    /// The configured instance named `name`, or `404`.
    func runtime(_ name: String) throws(IngestError) -> InstanceRuntime {
        guard let runtime = service.instances[name] else { throw IngestError.unknownInstance(name) }
        return runtime
    }
}
