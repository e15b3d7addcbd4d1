extension JSONPath {
    /// The query's result as a pipeline value (SEMANTICS S20): a singular query gives its
    /// node's value or missing; any other query the list of node values, possibly `[]`.
    ///
    /// When explaining, the matched nodes' normalized paths are noted in the trace.
    public func query(_ root: JSON, in context: StepContext) -> JSON? {
        let nodes = select(root)
        if context.recorder != nil {
            context.note("nodes", .array(nodes.map { .string($0.normalizedPath) }))
        }
        if isSingular { return nodes.first?.value }
        return .array(nodes.map(\.value))
    }
}
