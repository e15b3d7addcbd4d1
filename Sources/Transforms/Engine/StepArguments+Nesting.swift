extension StepArguments {
    /// A compiler for a pipeline or condition held by this step, placed under it.
    ///
    /// Nested places then read `fields.x: step 2 (each): step 1 (trim)` or
    /// `fields.x: step 3 (if): then: step 1 (value)`, so an error inside names the whole way in.
    /// A nested pipeline is never `prepare`, whatever its parent is.
    public func nestedCompiler(_ compiler: PipelineCompiler, _ label: String? = nil) -> PipelineCompiler {
        PipelineCompiler(registry: compiler.registry, place: label.map { "\(place): \($0)" } ?? place, isPrepare: false)
    }

    /// Rejects option keys outside `allowed`, for steps whose options form the compiler
    /// recognises by a custom test and so cannot check key by key (`lookup`, `date`).
    public func checkOptions(_ allowed: [String]) throws(SourceError) {
        for key in options.keys.sorted() where !allowed.contains(key) {
            let node = options[key]
            let known = allowed.map { "'\($0)'" }.joined(separator: ", ")
            throw error("unknown option '\(key)' (\(stepName) takes \(known))", kind: .unknownKey, at: node)
        }
    }

    /// A boolean option, `false` when absent.
    public func flag(_ key: String) throws(SourceError) -> Bool {
        guard let node = options[key] else { return false }
        return try bool(node, "'\(key)'")
    }
}

extension StepDefinition {
    /// The same definition with its own test for the options form (S14), for a step whose
    /// main argument may itself be a map (`lookup`'s table).
    public func recognizingOptionsForm(_ test: @escaping @Sendable (YAMLNode) -> Bool) -> StepDefinition {
        var copy = self
        copy.isOptionsForm = test
        return copy
    }
}
