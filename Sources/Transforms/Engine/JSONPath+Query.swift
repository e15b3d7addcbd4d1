extension JSONPath {
    /// The query's result as a pipeline value (SEMANTICS S20): a singular query gives its
    /// node's value or missing; any other query the list of node values, possibly `[]`.
    ///
    /// When explaining, the matched nodes' normalized paths are noted in the trace.
    /// Locations are built only then: tracking them for every node costs a tenth of mapping.
    public func query(_ root: JSON, in context: StepContext) -> JSON? {
        guard context.recorder != nil else {
            let values = values(root)
            return isSingular ? values.first : .array(values)
        }
        let nodes = select(root)
        context.note("nodes", .array(nodes.map { .string($0.normalizedPath) }))
        if isSingular { return nodes.first?.value }
        return .array(nodes.map(\.value))
    }
}
