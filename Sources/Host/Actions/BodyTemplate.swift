import Transforms

/// A JSON body whose strings are `{{ … }}` templates over the incident (SPEC §13).
///
/// Templates are the mapper language's (`TemplateStep`'s parser), read against the incident
/// JSON: `{{ name }}`, `{{ fields.reporter }}` (a dotted path), `{{ type }}`, or a JSONPath
/// `{{ $.fields.urls[0] }}`. A string that is one `{{ … }}` and nothing else takes the value
/// with its JSON type (`"{{ severity }}"` is the number 3, `"{{ fields.urls }}"` a list), so a
/// ticketing API gets typed fields; any other string is text.
package indirect enum BodyTemplate: Sendable, Equatable {
    case value(JSON)
    case text(TextTemplate)
    case array([BodyTemplate])
    case object([(key: String, value: BodyTemplate)])

    /// The body for one incident.
    package func render(_ incident: JSON) -> JSON {
        switch self {
        case .value(let value): value
        case .text(let template): template.render(incident)
        case .array(let items): .array(items.map { $0.render(incident) })
        case .object(let members): .object(JSONObject(members.map { ($0.key, $0.value.render(incident)) }))
        }
    }

    package static func == (left: BodyTemplate, right: BodyTemplate) -> Bool {
        switch (left, right) {
        case (.value(let a), .value(let b)): a == b
        case (.text(let a), .text(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        default: false
        }
    }
}

/// One templated string of a body.
package struct TextTemplate: Sendable, Equatable {
    /// The string as written, for `==` and messages.
    package var text: String
    let parts: [TemplateStep.Part]

    /// The names a template may use besides `fields.NAME` and JSONPaths: the incident JSON's
    /// top-level keys (SPEC §7).
    static let incidentKeys = ["id", "instance", "type", "name", "occurred", "created", "severity", "details", "fields", "mapper", "dedup_key"]

    init(text: String, parts: [TemplateStep.Part]) {
        self.text = text
        self.parts = parts
    }

    /// - Throws: `StepError` for an unclosed `{{`, an empty `{{ }}`, a bad JSONPath or a name
    ///   the incident JSON does not have.
    init(_ text: String) throws(StepError) {
        self.text = text
        parts = try TemplateStep.parse(text)
        for part in parts {
            guard case .field(let name) = part else { continue }
            let root = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
            guard Self.incidentKeys.contains(root) else {
                throw StepError(
                    "'{{ \(name) }}' names nothing an incident has: use one of \(Self.incidentKeys.joined(separator: ", ")), "
                        + "fields.NAME or a JSONPath such as {{ $.fields.reporter }}")
            }
        }
    }

    /// Whether any part is a `{{ … }}` (a string without one is kept as a plain value).
    var isTemplate: Bool {
        parts.contains { if case .literal = $0 { false } else { true } }
    }

    func render(_ incident: JSON) -> JSON {
        if parts.count == 1, let only = parts.first {
            switch only {
            case .literal(let literal): return .string(literal)
            default: return value(of: only, in: incident) ?? .null
            }
        }
        var result = ""
        for part in parts {
            if case .literal(let literal) = part {
                result += literal
            } else {
                result += TemplateStep.render(value(of: part, in: incident))
            }
        }
        return .string(result)
    }

    private func value(of part: TemplateStep.Part, in incident: JSON) -> JSON? {
        switch part {
        case .literal(let literal): return .string(literal)
        case .type: return incident.objectValue?["type"]
        case .path(let path):
            let values = path.values(incident)
            return path.isSingular ? values.first : .array(values)
        case .field(let dotted):
            var value: JSON? = incident
            for name in dotted.split(separator: ".") {
                value = value?.objectValue?[String(name)]
            }
            return value
        }
    }

    package static func == (left: TextTemplate, right: TextTemplate) -> Bool { left.text == right.text }
}
