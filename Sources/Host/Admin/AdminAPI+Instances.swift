import Hummingbird
import Transforms

extension AdminAPI {
    /// `GET /api/instances`: every configured instance with its chain, so a client (the
    /// playground) can offer them: `{"instances": [{"name", "incident_type", "mappers",
    /// "store_samples"}]}` in configuration order.
    func listInstances() -> Response {
        let current = service.instances
        let items: [JSON] = configuration.instances.compactMap { instance -> JSON? in
            guard let runtime = current[instance.name] else { return nil }
            return [
                "name": .string(instance.name),
                "incident_type": .string(runtime.chain.defaultType),
                "mappers": .array(runtime.chain.mappers.map { .string($0.name) }),
                "store_samples": .bool(instance.storeSamples),
            ]
        }
        return Response.json(["instances": .array(items)])
    }
}
