import Transforms

extension Delivery {
    /// A delivery as JSON (`intake actions`, `/api/actions`, an incident's `deliveries`): keys
    /// in this order, each absent when it has no value: `id, key, incident, action, status,
    /// attempts, created, next_attempt, last_attempt, last_result, delivered`.
    package var jsonText: String {
        var json = JSONText()
        json.beginObject()
        json.string("id", id)
        json.string("key", key)
        json.string("incident", incident)
        json.string("action", action)
        json.string("status", status.rawValue)
        json.integer("attempts", attempts)
        json.string("created", created.rfc3339)
        if let nextAttempt { json.string("next_attempt", nextAttempt.rfc3339) }
        if let lastAttempt { json.string("last_attempt", lastAttempt.rfc3339) }
        if let lastResult { json.string("last_result", lastResult) }
        if let delivered { json.string("delivered", delivered.rfc3339) }
        json.endObject()
        return json.text
    }
}
