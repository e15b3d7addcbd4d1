/// `regex: PATTERN` or `regex: {pattern, group, all, flags}`: searches text, unanchored, and
/// shapes each match (SEMANTICS S33, S34).
///
/// The shape is fixed when the mapper loads, from the pattern's groups, so every match of one
/// step has the same shape and a `group` that does not exist is a load error.
public struct RegexStep: Step {
    public static let name = "regex"
    public static let signature = StepSignature(
        argument: .required, mainOption: "pattern", options: ["group", "all", "flags"], input: .transform,
        summary: "the first (or every) match of a pattern, shaped by its groups")

    /// What one match becomes.
    enum Shape: Sendable {
        /// `group: N` or `group: name`: that group's string.
        case group(Int)
        /// Named groups: an object of them in pattern order, `null` when not taking part.
        case named([(number: Int, name: String)])
        /// No `group` and no groups: the whole match.
        case whole
        /// No `group`, no named groups, `count` unnamed ones: one string, or a list of 2 or more.
        case unnamed(count: Int)
    }

    let pattern: PCRE2Pattern
    let shape: Shape
    let all: Bool

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        let options = try arguments.regexOptions(arguments.options["flags"])
        pattern = try arguments.pattern(try arguments.requiredMain(), options: options)
        if let node = arguments.options["all"] {
            all = try arguments.bool(node, "all")
        } else {
            all = false
        }
        if let node = arguments.options["group"] {
            shape = .group(try RegexStep.groupNumber(node, of: pattern, arguments: arguments))
        } else if !pattern.namedGroups.isEmpty {
            shape = .named(pattern.namedGroups)
        } else if pattern.captureCount == 0 {
            shape = .whole
        } else {
            shape = .unnamed(count: pattern.captureCount)
        }
    }

    /// The number of the group `group:` names: a number, or the name of a named group.
    static func groupNumber(_ node: YAMLNode, of pattern: PCRE2Pattern, arguments: StepArguments) throws(SourceError) -> Int {
        let text = try arguments.scalarText(node, "group")
        if let number = Int(text), text.allSatisfy(\.isASCII) {
            guard (0...pattern.captureCount).contains(number) else {
                throw arguments.error(
                    "group \(number) does not exist: the pattern has \(pattern.captureCount) group(s)", at: node)
            }
            return number
        }
        guard let number = pattern.number(ofGroup: text) else {
            let names = pattern.namedGroups.map { "'\($0.name)'" }.joined(separator: ", ")
            let hint = names.isEmpty ? "the pattern has no named groups" : "its named groups are \(names)"
            throw arguments.error("group '\(text)' does not exist: \(hint)", at: node)
        }
        return number
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard let input else { return nil }
        var seen: [RegexMatch]? = context.recorder == nil ? nil : []
        defer {
            if let seen { context.note("groups", .array(seen.map(groups))) }
        }
        switch try TextInput(input) {
        case .single(let text):
            return try result(text, seen: &seen)
        case .list(let texts):
            var output: [JSON] = []
            for text in texts {
                guard let text, let result = try result(text, seen: &seen) else { continue }
                if all, result.isNoValue { continue }
                output.append(result)
            }
            return .array(output)
        }
    }

    /// The shaped first match (missing when none), or with `all` the list of every match.
    func result(_ text: String, seen: inout [RegexMatch]?) throws(StepError) -> JSON? {
        do {
            if all {
                let matches = try pattern.allMatches(in: text)
                seen?.append(contentsOf: matches)
                return .array(matches.map(shaped))
            }
            guard let match = try pattern.firstMatch(in: text) else { return nil }
            seen?.append(match)
            return shaped(match)
        } catch {
            throw error.stepError
        }
    }

    func shaped(_ match: RegexMatch) -> JSON {
        func string(_ number: Int) -> JSON { match.group(number).map(JSON.string) ?? .null }
        switch shape {
        case .group(let number): return string(number)
        case .named(let groups):
            return .object(JSONObject(groups.map { (key: $0.name, value: string($0.number)) }))
        case .whole: return .string(match.wholeMatch)
        case .unnamed(count: 1): return string(1)
        case .unnamed(let count): return .array((1...count).map(string))
        }
    }

    /// A match as the trace shows it: `[$0, $1, …]`, `null` for a group not taking part.
    func groups(_ match: RegexMatch) -> JSON {
        .array((0...pattern.captureCount).map { match.group($0).map(JSON.string) ?? .null })
    }

    public var traceArgument: JSON? { .string(pattern.pattern) }
}
