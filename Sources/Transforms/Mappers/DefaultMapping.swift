/// The reference product's mapping, for a payload no mapper of the chain takes
/// (SPEC §4, SEMANTICS S90).
enum DefaultMapping {
    static let defaultName = "Generic webhook triggered incident"

    static func map(_ payload: JSON, chain: MappingChain, request: MappingRequest) -> MappingOutcome {
        guard case .object(let object) = payload else {
            return failure(["the payload is \(payload.kindName), not a JSON object: only objects can be incidents"], request)
        }
        var errors: [String] = []

        var type = chain.defaultType
        if case .string(let named)? = object["type"], !named.isEmpty, chain.types.declares(named) {
            type = named
        }

        var name = defaultName
        do {
            if let value = object["name"], !value.isNoValue, case .string(let text)? = try BuiltInField.name.coerce(value) {
                name = text
            }
        } catch {
            errors.append("name: \(error)")
        }

        var occurred = request.receivedAt
        if let value = object["occurred"], !value.isNoValue {
            if case .string(let text) = value, let instant = ISO8601.parse(text, zone: nil) {
                occurred = instant
            } else {
                errors.append("occurred: \(value.text.prefix(64).debugDescription) is not an ISO-8601 date")
            }
        }

        for (fieldName, spec) in chain.types.type(named: type)?.fields ?? [] where spec.required {
            errors.append("fields.\(fieldName): required field is missing (type '\(type)' needs it; no mapper applied)")
        }

        let raw = object["rawJson"] ?? object["raw_json"]
        var trace: JSON?
        if request.explain {
            trace = ["mapper": .null, "default_mapping": true]
        }
        guard errors.isEmpty else {
            return MappingOutcome(result: .quarantined(errors: errors), raw: raw, trace: trace)
        }
        let incident = Incident(type: type, name: name, occurred: occurred)
        return MappingOutcome(result: .mapped(incident), raw: raw, trace: trace)
    }

    private static func failure(_ errors: [String], _ request: MappingRequest) -> MappingOutcome {
        MappingOutcome(result: .quarantined(errors: errors), trace: request.explain ? ["mapper": .null, "default_mapping": true] : nil)
    }
}
