import Transforms

extension ArgumentSchema {
    /// Checks a mapper's argument, pointing at the offending YAML node.
    ///
    /// - Returns: the first violation, with the node it concerns, or `nil` when the argument fits.
    package func violation(of node: YAMLNode, named name: String = "the argument") -> (message: String, node: YAMLNode)? {
        switch self {
        case .anything: return nil
        case .nothing: return ("\(name) is not accepted here", node)
        case .constraints(let constraints): return constraints.violation(of: node, named: name)
        }
    }
}

extension ArgumentSchema.Constraints {
    func violation(of node: YAMLNode, named name: String) -> (message: String, node: YAMLNode)? {
        let value = node.json
        if let anyOf {
            let fits = anyOf.contains { $0.violation(of: node, named: name) == nil }
            if !fits { return ("\(name) matches none of the forms the plugin accepts", node) }
        }
        if let types, !types.contains(where: { $0.admits(value) }) {
            let names = types.map(\.rawValue).sorted().joined(separator: " or ")
            return ("\(name) must be \(names), not \(node.kindName)", node)
        }
        if let allowed, !allowed.contains(where: { $0 == value }) {
            let list = allowed.map { $0.serialized() }.joined(separator: ", ")
            return ("\(name) must be one of \(list), not \(value.serialized())", node)
        }
        switch node.content {
        case .scalar(let scalar, _, _): return scalarViolation(scalar, node: node, named: name)
        case .sequence(let items):
            if let minItems, items.count < minItems { return ("\(name) needs at least \(minItems) items", node) }
            if let maxItems, items.count > maxItems { return ("\(name) takes at most \(maxItems) items", node) }
            for (index, item) in items.enumerated() {
                if let found = self.items.violation(of: item, named: "\(name)[\(index)]") { return found }
            }
            return nil
        case .mapping(let members):
            for required in required where !members.contains(where: { $0.key == required }) {
                return ("\(name) needs the key '\(required)'", node)
            }
            for member in members {
                let memberName = "'\(member.key)'"
                if let property = properties.first(where: { $0.name == member.key }) {
                    if let found = property.schema.violation(of: member.value, named: memberName) { return found }
                } else if case .nothing = additionalProperties {
                    let known = properties.map(\.name)
                    let hint = known.isEmpty ? "it takes no keys" : "known keys: \(known.joined(separator: ", "))"
                    return ("unknown key \(memberName) (\(hint))", YAMLNode(content: member.value.content, mark: member.keyMark))
                } else if let found = additionalProperties.violation(of: member.value, named: memberName) {
                    return found
                }
            }
            return nil
        }
    }

    private func scalarViolation(_ scalar: JSON, node: YAMLNode, named name: String) -> (message: String, node: YAMLNode)? {
        switch scalar {
        case .string(let text):
            let length = text.unicodeScalars.count
            if let minLength, length < minLength { return ("\(name) must be at least \(minLength) characters long", node) }
            if let maxLength, length > maxLength { return ("\(name) must be at most \(maxLength) characters long", node) }
            if let pattern, (try? pattern.containsMatch(in: text)) != true {
                return ("\(name) must match the pattern \(pattern.pattern)", node)
            }
        case .number(let number):
            guard let double = number.doubleValue else { return nil }
            if let minimum, double < minimum { return ("\(name) must be at least \(Self.text(minimum))", node) }
            if let maximum, double > maximum { return ("\(name) must be at most \(Self.text(maximum))", node) }
        default: break
        }
        return nil
    }

    /// A bound as a person wrote it: `3`, not `3.0`.
    private static func text(_ bound: Double) -> String {
        if bound.rounded() == bound, let int = Int(exactly: bound) { return String(int) }
        return String(bound)
    }
}

extension ArgumentSchema.JSONType {
    func admits(_ value: JSON) -> Bool {
        switch (self, value) {
        case (.null, .null), (.boolean, .bool), (.string, .string), (.array, .array), (.object, .object): true
        case (.number, .number): true
        case (.integer, .number(.int)), (.integer, .number(.bigInt)): true
        case (.integer, .number(.double(let double))): double.rounded() == double
        default: false
        }
    }
}
