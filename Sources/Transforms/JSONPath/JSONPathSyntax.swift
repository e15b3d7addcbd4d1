/// The compiled form of a query: what the parser builds and the evaluator walks.
///
/// Kept as plain value types (no arena, no indexes into the text) so that a compiled
/// `JSONPath` is `Sendable` and can be shared by every request a mapper serves.
struct PathQuery: Sendable {
    /// Whether the query starts at `@` (the filter's current node) rather than `$`.
    var isRelative: Bool
    var segments: [PathSegment]

    /// RFC 9535 §2.3.5.1: every segment is a child segment written as `.name`, `[name]` or
    /// `[index]`, with no white space inside the brackets.
    var isSingular: Bool { segments.allSatisfy(\.isSingularForm) }
}

struct PathSegment: Sendable {
    /// `..` (the node and all its descendants) rather than the node's children.
    var isDescendant: Bool
    var selectors: [PathSelector]
    /// Written in the singular-query grammar (see `PathQuery.isSingular`).
    var isSingularForm: Bool
}

enum PathSelector: Sendable {
    case name(String)
    case wildcard
    case index(Int)
    case slice(start: Int?, end: Int?, step: Int?)
    case filter(LogicalExpression)
}

/// A filter expression, whose result is RFC 9535's LogicalType (true or false).
indirect enum LogicalExpression: Sendable {
    case or([LogicalExpression])
    case and([LogicalExpression])
    case not(LogicalExpression)
    /// An existence test: true when the query selects at least one node.
    case exists(PathQuery)
    /// A function whose result is LogicalType, or NodesType converted to LogicalType.
    case function(FunctionCall)
    case comparison(ValueExpression, ComparisonOperator, ValueExpression)
}

/// An expression of RFC 9535's ValueType: a JSON value or Nothing (`nil`).
enum ValueExpression: Sendable {
    case literal(JSON)
    /// A singular query: its node's value, or Nothing when it selects no node.
    case query(PathQuery)
    case function(FunctionCall)
}

enum ComparisonOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// A call of one of the five function extensions of RFC 9535 §2.4, arguments already typed.
struct FunctionCall: Sendable {
    var function: PathFunction
    var arguments: [FunctionArgument]
    /// For `match` and `search`: the pattern compiled once at parse time when it is a literal.
    var pattern: PatternArgument
}

/// The pattern argument of `match` and `search` as far as the parser could settle it.
enum PatternArgument: Sendable {
    /// Computed per node (a query or a function): compiled on each call.
    case dynamic
    /// A literal string that is a valid I-Regexp, compiled once.
    case compiled(CompiledIRegexp)
    /// A literal that is not a string or not a valid I-Regexp: the call is always false.
    case invalid
}

enum FunctionArgument: Sendable {
    case value(ValueExpression)
    case nodes(PathQuery)
    case logical(LogicalExpression)
}
