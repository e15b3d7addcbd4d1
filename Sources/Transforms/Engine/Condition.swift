/// A test on the payload or on a step's input: the `when` of a mapper and the `when` of `if`
/// (SEMANTICS S55–S57).
///
/// Compiled once when the mapper loads, so a misspelt operator, an `in` without a list or a
/// bad regex is a load error with `file:line:column`, never a surprise on the first payload.
public indirect enum Condition: Sendable {
    /// `{path, OPERATOR}`; without `path` the subject is given by the caller (S56).
    case test(path: JSONPath?, Operator)
    /// `{all: [...]}`: true when every condition holds, so `all: []` is true.
    case all([Condition])
    /// `{any: [...]}`: true when one condition holds, so `any: []` is false.
    case any([Condition])
    /// `{not: {...}}`.
    case not(Condition)

    /// What a `test` checks its subject with (S57).
    public enum Operator: Sendable {
        /// JSON equality (S3).
        case equals(JSON)
        /// Exactly `not equals`: true when nothing is selected.
        case notEquals(JSON)
        /// Equal to one of the elements.
        case `in`([JSON])
        /// An unanchored search in the text of a string, number or boolean.
        case matches(PCRE2Pattern)
        /// Whether a node is selected (or, without `path`, whether the subject is present).
        case exists(Bool)
    }

    static let operatorKeys = ["equals", "not_equals", "in", "matches", "exists"]
    static let combinatorKeys = ["all", "any", "not"]

    /// Compiles a condition map.
    ///
    /// - Throws: a `SourceError` at the offending key or value: not a map, an unknown key, no
    ///   operator or two, `all`/`any`/`not` beside other keys, `in` without a list, `exists`
    ///   without a boolean, an invalid path or pattern.
    public init(_ node: YAMLNode, compiler: PipelineCompiler) throws(SourceError) {
        let place = compiler.place
        guard case .mapping(let members) = node.content else {
            throw SourceError(
                .wrongShape, "\(place): a condition must be a map such as {path: $.a, equals: x}, not \(node.kindName)", at: node.mark)
        }
        if let combinator = members.first(where: { Condition.combinatorKeys.contains($0.key) }) {
            self = try Condition.combinator(combinator, in: members, compiler: compiler)
            return
        }
        var path: JSONPath?
        var found: (member: YAMLMember, op: Operator)?
        for member in members {
            if member.key == "path" {
                path = try Condition.path(member.value, place: place)
                continue
            }
            guard Condition.operatorKeys.contains(member.key) else {
                let known = (["path"] + Condition.operatorKeys + Condition.combinatorKeys).joined(separator: ", ")
                throw SourceError(.unknownKey, "\(place): unknown condition key '\(member.key)' (known: \(known))", at: member.keyMark)
            }
            if let found {
                throw SourceError(
                    .invalidValue,
                    "\(place): a condition takes exactly one operator, found '\(found.member.key)' and '\(member.key)': combine tests with all: [...]",
                    at: member.keyMark)
            }
            found = (member, try Condition.operation(member, place: place))
        }
        guard let found else {
            throw SourceError(
                .invalidValue, "\(place): a condition needs one operator: equals, not_equals, in, matches or exists", at: node.mark)
        }
        self = .test(path: path, found.op)
    }

    private static func combinator(
        _ member: YAMLMember, in members: [YAMLMember], compiler: PipelineCompiler
    ) throws(SourceError) -> Condition {
        let place = compiler.place
        if let other = members.first(where: { $0.key != member.key }) {
            throw SourceError(
                .invalidValue, "\(place): '\(member.key)' must stand alone in its map, found '\(other.key)' beside it: nest the test inside it",
                at: other.keyMark)
        }
        if member.key == "not" {
            return .not(try Condition(member.value, compiler: compiler.nested("not")))
        }
        guard case .sequence(let elements) = member.value.content else {
            throw SourceError(
                .wrongShape, "\(place): '\(member.key)' needs a list of conditions, not \(member.value.kindName)", at: member.value.mark)
        }
        var conditions: [Condition] = []
        for (index, element) in elements.enumerated() {
            conditions.append(try Condition(element, compiler: compiler.nested("\(member.key)[\(index + 1)]")))
        }
        return member.key == "all" ? .all(conditions) : .any(conditions)
    }

    private static func path(_ node: YAMLNode, place: String) throws(SourceError) -> JSONPath {
        guard case .scalar(.string(let text), _, _) = node.content else {
            throw SourceError(.wrongShape, "\(place): 'path' must be a JSONPath string such as $.a.b, not \(node.kindName)", at: node.mark)
        }
        do {
            return try JSONPath(text)
        } catch {
            throw SourceError(.invalidPath, "\(place): invalid JSONPath '\(text)': \(error)", at: node.mark(ofValueByte: error.offset))
        }
    }

    private static func operation(_ member: YAMLMember, place: String) throws(SourceError) -> Operator {
        let node = member.value
        switch member.key {
        case "equals":
            return .equals(node.json)
        case "not_equals":
            return .notEquals(node.json)
        case "in":
            guard case .sequence(let elements) = node.content else {
                throw SourceError(.wrongShape, "\(place): 'in' needs a list, such as in: [high, critical], not \(node.kindName)", at: node.mark)
            }
            return .in(elements.map(\.json))
        case "matches":
            guard case .scalar(.string(let text), _, _) = node.content else {
                throw SourceError(.wrongShape, "\(place): 'matches' needs a regex string, not \(node.kindName)", at: node.mark)
            }
            do {
                return .matches(try PCRE2Pattern(text))
            } catch {
                throw SourceError(.invalidPattern, "\(place): invalid pattern for 'matches': \(error)", at: node.mark)
            }
        default:
            guard case .scalar(.bool(let flag), _, _) = node.content else {
                throw SourceError(.wrongShape, "\(place): 'exists' needs true or false, not \(node.kindName)", at: node.mark)
            }
            return .exists(flag)
        }
    }
}

extension PipelineCompiler {
    /// Compiles a condition at this compiler's place (`when`, `fields.x: step 2 (if): when`).
    public func compileCondition(_ node: YAMLNode) throws(SourceError) -> Condition {
        try Condition(node, compiler: self)
    }
}
