extension StepArguments {
    /// The `flags` option of `regex`, `replace` and `split` (`imsx`, SEMANTICS S34); none when absent.
    func regexOptions(_ node: YAMLNode?) throws(SourceError) -> RegexOptions {
        guard let node, !node.isNull else { return [] }
        let text = try string(node, "flags")
        do {
            return try RegexOptions(flags: text)
        } catch {
            throw self.error("invalid flags '\(text)': \(error) (use i, m, s and x)", at: node)
        }
    }

    /// The members of an options map written as the step's argument, checked against `allowed`.
    ///
    /// Used by steps whose options form the generic one cannot tell apart (`replace`, `split`).
    func optionsMap(_ members: [YAMLMember], allowed: [String]) throws(SourceError) -> [String: YAMLNode] {
        if let sibling = options.keys.sorted().first {
            throw error(
                "give the options either inside the '\(stepName)' map or beside it, not both ('\(sibling)')",
                at: options[sibling])
        }
        var result: [String: YAMLNode] = [:]
        for member in members {
            guard allowed.contains(member.key) else {
                let known = allowed.map { "'\($0)'" }.joined(separator: ", ")
                throw SourceError(.unknownKey, "\(place): unknown option '\(member.key)' (\(stepName) takes \(known))", at: member.keyMark)
            }
            result[member.key] = member.value
        }
        return result
    }
}
