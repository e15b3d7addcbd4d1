extension MappingOutcome {
    /// One element of `intake dry-run`'s array (SEMANTICS S131): `source`, `item` under
    /// `for_each`, `status`, then `incident` or `errors`, then `trace` when explaining.
    public func dryRunJSON(source: String) -> JSON {
        var object = JSONObject()
        object["source"] = .string(source)
        if let item { object["item"] = .number(.int(item)) }
        switch result {
        case .mapped(let incident):
            object["status"] = "mapped"
            object["incident"] = incident.json()
        case .quarantined(let errors):
            object["status"] = "quarantined"
            object["errors"] = .array(errors.map(JSON.string))
        }
        if let trace { object["trace"] = trace }
        return .object(object)
    }

    public var isQuarantined: Bool {
        if case .quarantined = result { return true }
        return false
    }
}
