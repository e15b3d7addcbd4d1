extension Condition {
    /// Whether the condition holds (SEMANTICS S56, S57).
    ///
    /// - Parameters:
    ///   - subject: what a test without `path` checks, as it is (`nil`: missing): the step's
    ///     input in `if`, the whole payload as received in `when`.
    ///   - payload: what a `path` queries: the payload, or the `for_each` item.
    /// - Throws: a `StepError` when a `matches` search exceeds the regex engine's limits.
    public func holds(subject: JSON?, payload: JSON) throws(StepError) -> Bool {
        switch self {
        case .all(let conditions):
            for condition in conditions {
                if !(try condition.holds(subject: subject, payload: payload)) { return false }
            }
            return true
        case .any(let conditions):
            for condition in conditions {
                if try condition.holds(subject: subject, payload: payload) { return true }
            }
            return false
        case .not(let condition):
            return !(try condition.holds(subject: subject, payload: payload))
        case .test(let path, let op):
            // A singular path selects at most one node, so "any node" covers both cases.
            let candidates = path.map { $0.select(payload).map(\.value) } ?? (subject.map { [$0] } ?? [])
            return try op.holds(forAnyOf: candidates)
        }
    }
}

extension Condition.Operator {
    /// Whether the operator holds for the selected values (none selected: missing).
    ///
    /// `not_equals` is the negation of `equals` over the whole selection, not "some node
    /// differs", so it is true when nothing is selected (S57).
    func holds(forAnyOf values: [JSON]) throws(StepError) -> Bool {
        switch self {
        case .exists(let expected):
            return !values.isEmpty == expected
        case .equals(let expected):
            return values.contains(expected)
        case .notEquals(let expected):
            return !values.contains(expected)
        case .in(let list):
            return values.contains { list.contains($0) }
        case .matches(let pattern):
            for value in values {
                guard let text = value.matchableText else { continue }
                do {
                    if try pattern.containsMatch(in: text) { return true }
                } catch {
                    throw StepError("matches '\(pattern.pattern)': \(error)")
                }
            }
            return false
        }
    }
}

extension JSON {
    /// The text `matches` searches: strings as they are, numbers and booleans by their JSON
    /// text, instants as RFC 3339; `nil` for `null`, lists and objects, which never match.
    var matchableText: String? {
        switch self {
        case .string(let string): string
        case .number, .bool, .instant: text
        case .null, .array, .object: nil
        }
    }
}
