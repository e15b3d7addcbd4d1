extension Incident {
    /// The incident as SEMANTICS S120 prints it: keys in the order
    /// `id, instance, type, name, occurred, created, severity, details, fields, mapper, dedup_key`,
    /// absent when empty, `severity` always present, `fields` sorted by code point.
    ///
    /// A dry-run passes no `id`, `instance` or `created`; the store passes all three.
    public func json(id: String? = nil, instance: String? = nil, created: Instant? = nil) -> JSON {
        var object = JSONObject()
        if let id { object["id"] = .string(id) }
        if let instance { object["instance"] = .string(instance) }
        object["type"] = .string(type)
        if let name, !name.isEmpty { object["name"] = .string(name) }
        object["occurred"] = .instant(occurred)
        if let created { object["created"] = .instant(created) }
        object["severity"] = .number(.int(severity))
        if let details, !details.isEmpty { object["details"] = .string(details) }
        if let fields = fieldsJSON { object["fields"] = fields }
        if let mapper {
            object["mapper"] = ["name": .string(mapper.name), "version": .number(.int(mapper.version))]
        }
        if let dedupKey { object["dedup_key"] = .string(dedupKey) }
        return .object(object)
    }

    /// The `fields` object of the incident JSON, keys sorted by code point (S120); nil when no
    /// field has a value. The store keeps it as its own column.
    public var fieldsJSON: JSON? {
        guard !fields.isEmpty else { return nil }
        let sorted = fields.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
        return .object(JSONObject(sorted.map { (key: $0.key, value: $0.value) }))
    }
}
