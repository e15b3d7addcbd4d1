import Transforms

/// `"actions": [...]` in a dry-run element (SPEC §13): the deliveries a mapped incident would
/// trigger, with their requests rendered, sending nothing. `intake dry-run` and `POST
/// /api/instances/{name}/dry-run` both annotate their elements with it, so the two show the
/// same requests for the same incident.
struct DryRunActions {
    var actions: [ActionConfiguration]
    /// The instance the payloads would arrive at, when known: actions limited to instances
    /// select by it.
    var instance: String?
    /// The time the incident would be stored: its `created`, and the signature's timestamp.
    var receivedAt: Instant

    /// The stable delivery id a dry-run shows: a stored delivery gets a random one.
    static let deliveryKey = "msg_dry_run"

    /// `elements` with `actions` added to each mapped incident; unchanged when the
    /// configuration has no actions at all, so a dry-run without actions reads as before them.
    func annotate(_ elements: [JSON]) -> [JSON] {
        actions.isEmpty ? elements : elements.map(annotate)
    }

    /// The element with `actions` added when it is a mapped incident.
    func annotate(_ element: JSON) -> JSON {
        guard case .object(var object) = element, object["status"] == "mapped", case .object(var incident)? = object["incident"] else {
            return element
        }
        if let instance { incident["instance"] = .string(instance) }
        incident["created"] = .instant(receivedAt)
        let type = incident["type"]?.stringValue ?? ""
        let severity = incident["severity"].flatMap { if case .number(.int(let level)) = $0 { level } else { nil } } ?? 0
        let incidentJSON = JSON.object(incident)
        let text = incidentJSON.serialized()
        object["actions"] = .array(
            actions.filter { $0.selection.selects(type: type, severity: severity, instance: instance ?? "") }.map { action in
                let request = action.render(
                    incident: incidentJSON, incidentText: text, deliveryKey: Self.deliveryKey, timestamp: receivedAt.millisecondsSinceEpoch / 1000)
                return ["action": .string(action.name), "request": request.shownJSON]
            })
        return .object(object)
    }
}
