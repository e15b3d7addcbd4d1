/// Filter expressions: logical operators, comparisons (RFC 9535 §2.3.5.2) and function calls (RFC 9535 §2.4).
extension PathEvaluator {
    /// Sub-queries inside a filter need values only, never locations.
    private var valuesOnly: PathEvaluator { PathEvaluator(root: root, tracksLocations: false) }

    func test(_ expression: LogicalExpression, current: JSON) -> Bool {
        switch expression {
        case .or(let terms): return terms.contains { test($0, current: current) }
        case .and(let terms): return terms.allSatisfy { test($0, current: current) }
        case .not(let inner): return !test(inner, current: current)
        case .exists(let query): return !valuesOnly.select(query, current: current).isEmpty
        case .function(let call): return logicalResult(of: call, current: current)
        case .comparison(let left, let comparison, let right):
            return Self.compare(value(of: left, current: current), comparison, value(of: right, current: current))
        }
    }

    /// A ValueType expression: a value, or `nil` for Nothing.
    func value(of expression: ValueExpression, current: JSON) -> JSON? {
        switch expression {
        case .literal(let value): return value
        case .query(let query): return singularValue(query, current: current)
        case .function(let call): return valueResult(of: call, current: current)
        }
    }

    /// A singular query walked directly, without building node lists.
    private func singularValue(_ query: PathQuery, current: JSON) -> JSON? {
        var value = query.isRelative ? current : root
        for segment in query.segments {
            switch (segment.selectors.first, value) {
            case (.name(let name), .object(let object)):
                guard let member = Self.member(name, of: object) else { return nil }
                value = member
            case (.index(let index), .array(let items)):
                let normalized = index >= 0 ? index : items.count + index
                guard normalized >= 0, normalized < items.count else { return nil }
                value = items[normalized]
            default:
                return nil
            }
        }
        return value
    }

    private func valueResult(of call: FunctionCall, current: JSON) -> JSON? {
        switch call.function {
        case .length:
            switch argumentValue(call.arguments[0], current: current) {
            case .string(let string): return .number(.int(string.unicodeScalars.count))
            case .array(let items): return .number(.int(items.count))
            case .object(let object): return .number(.int(object.count))
            default: return nil
            }
        case .count:
            return .number(.int(argumentNodes(call.arguments[0], current: current).count))
        case .value:
            let nodes = argumentNodes(call.arguments[0], current: current)
            guard nodes.count == 1 else { return .none }  // `nil` here could be read as JSON.null
            return nodes[0].value
        case .match, .search:
            return nil  // LogicalType: rejected as a value by the parser
        }
    }

    private func logicalResult(of call: FunctionCall, current: JSON) -> Bool {
        switch call.function {
        case .match, .search:
            guard case .string(let subject)? = argumentValue(call.arguments[0], current: current) else { return false }
            let regexp: CompiledIRegexp
            switch call.pattern {
            case .compiled(let compiled): regexp = compiled
            case .invalid: return false
            case .dynamic:
                guard case .string(let pattern)? = argumentValue(call.arguments[1], current: current),
                    let compiled = CompiledIRegexp(pattern)
                else { return false }
                regexp = compiled
            }
            return call.function == .match ? regexp.matchesEntirely(subject) : regexp.containsMatch(in: subject)
        case .length, .count, .value:
            return false  // ValueType: rejected as a test by the parser
        }
    }

    private func argumentValue(_ argument: FunctionArgument, current: JSON) -> JSON? {
        switch argument {
        case .value(let expression): return value(of: expression, current: current)
        case .nodes, .logical: return nil  // the parser only passes values to value parameters
        }
    }

    private func argumentNodes(_ argument: FunctionArgument, current: JSON) -> [Node] {
        guard case .nodes(let query) = argument else { return [] }
        return valuesOnly.select(query, current: current)
    }
}
