/// Turns the YAML of a pipeline into a `Pipeline`, in the forms of SEMANTICS S13 and S14.
///
/// Steps that hold pipelines (`each`, `if`, `coalesce`) and conditions call back into the
/// compiler they are given, so nested places read `fields.x: step 2 (each): step 1 (trim)`.
public struct PipelineCompiler: Sendable {
    public var registry: StepRegistry
    /// Where the pipeline stands in the mapper (`fields.urls`, `prepare`, `type`).
    public var place: String
    /// In `prepare`, `parse_json: PATH` edits the payload in place (S46).
    public var isPrepare: Bool

    public init(registry: StepRegistry, place: String, isPrepare: Bool = false) {
        self.registry = registry
        self.place = place
        self.isPrepare = isPrepare
    }

    /// A compiler for a pipeline nested in a step: same registry, a longer place, never `prepare`.
    public func nested(_ label: String) -> PipelineCompiler {
        PipelineCompiler(registry: registry, place: "\(place): \(label)", isPrepare: false)
    }

    /// Compiles a whole pipeline: a `$…` string, one step map, or a list of steps (S13).
    public func compilePipeline(_ node: YAMLNode) throws(SourceError) -> Pipeline {
        switch node.content {
        case .scalar(.string(let text), _, _) where text.hasPrefix("$"):
            return Pipeline(entries: [try compileStep(named: PathStep.name, main: node, options: [], at: node, index: 0)])
        case .scalar(let value, let text, _):
            let shown = value.isNull ? "null" : "'\(text)'"
            throw SourceError(
                .invalidValue, "\(place): a pipeline cannot be \(shown): write a path ($.a.b), a list of steps, or [{value: \(text)}] for a constant",
                at: node.mark)
        case .mapping:
            return Pipeline(entries: [try compileStepNode(node, index: 0)])
        case .sequence(let elements):
            if elements.isEmpty {
                throw SourceError(.missingKey, "\(place): a pipeline needs at least one step", at: node.mark)
            }
            var entries: [Pipeline.Entry] = []
            for (index, element) in elements.enumerated() {
                entries.append(try compileStepNode(element, index: index, after: entries.map(\.name)))
            }
            return Pipeline(entries: entries)
        }
    }

    /// Compiles one list element: `$…` (a path), a bare word, or a step map.
    ///
    /// - Parameter earlier: the names of the steps before it, so an option written as a step
    ///   of its own (`- ignore_case: true` under `- lookup:`) is named as that step's.
    func compileStepNode(_ node: YAMLNode, index: Int, after earlier: [String] = []) throws(SourceError) -> Pipeline.Entry {
        switch node.content {
        case .scalar(.string(let text), _, let quoted):
            if text.hasPrefix("$") {
                return try compileStep(named: PathStep.name, main: node, options: [], at: node, index: index)
            }
            guard !quoted else {
                throw SourceError(
                    .invalidValue, "\(place): step \(index + 1): '\(text)' is neither a step nor a path: write {value: \(text)} for a constant",
                    at: node.mark)
            }
            return try compileStep(named: text, main: nil, options: [], at: node, index: index)
        case .scalar(_, let text, _):
            throw SourceError(
                .invalidValue, "\(place): step \(index + 1): '\(text)' is not a step: write {value: \(text)} for a constant", at: node.mark)
        case .sequence:
            throw SourceError(.wrongShape, "\(place): step \(index + 1): a step cannot be a list", at: node.mark)
        case .mapping(let members):
            guard let stepIndex = members.firstIndex(where: { registry[$0.key] != nil }) else {
                let keys = members.map(\.key).joined(separator: ", ")
                let mark = members.first?.keyMark ?? node.mark
                if let key = members.first?.key, let misplaced = misplacedOption(key, index: index, after: earlier) {
                    throw SourceError(.unknownStep, misplaced, at: mark)
                }
                let hint = members.first.map { suggestion(for: $0.key) } ?? ""
                throw SourceError(.unknownStep, "\(place): step \(index + 1): unknown step '\(keys)'\(hint)", at: mark)
            }
            var options = members
            let step = options.remove(at: stepIndex)
            return try compileStep(named: step.key, main: step.value, options: options, at: step.value, index: index, keyMark: step.keyMark)
        }
    }

    func compileStep(
        named name: String, main: YAMLNode?, options siblings: [YAMLMember], at node: YAMLNode, index: Int,
        keyMark: SourceMark? = nil
    ) throws(SourceError) -> Pipeline.Entry {
        let mark = keyMark ?? node.mark
        guard let definition = registry[name] else {
            throw SourceError(.unknownStep, "\(place): step \(index + 1): unknown step '\(name)'\(suggestion(for: name))", at: mark)
        }
        let place = "\(self.place): step \(index + 1) (\(name))"
        let signature = definition.signature
        var main = main.flatMap { $0.isNull ? nil : $0 }
        var options: [String: YAMLNode] = [:]

        if !siblings.isEmpty && signature.options.isEmpty {
            throw SourceError(.unknownKey, "\(place): '\(name)' takes no options, found '\(siblings[0].key)'", at: siblings[0].keyMark)
        }
        if let argument = main, definition.isOptionsForm(argument), case .mapping(let members) = argument.content {
            if let sibling = siblings.first {
                throw SourceError(
                    .invalidValue, "\(place): give the options either inside the '\(name)' map or beside it, not both ('\(sibling.key)')",
                    at: sibling.keyMark)
            }
            main = nil
            for member in members {
                if member.key == signature.mainOption {
                    main = member.value.isNull ? nil : member.value
                } else {
                    options[member.key] = member.value
                }
            }
        } else {
            for sibling in siblings {
                guard signature.options.contains(sibling.key) else {
                    let known = signature.options.map { "'\($0)'" }.joined(separator: ", ")
                    throw SourceError(.unknownKey, "\(place): unknown option '\(sibling.key)' (\(name) takes \(known))", at: sibling.keyMark)
                }
                options[sibling.key] = sibling.value
            }
        }
        switch signature.argument {
        case .none where main != nil:
            throw SourceError(.invalidValue, "\(place): '\(name)' takes no argument: write it as a bare '- \(name)'", at: main?.mark ?? mark)
        case .required where main == nil:
            throw SourceError(.missingKey, "\(place): '\(name)' needs an argument", at: mark)
        default:
            break
        }
        let arguments = StepArguments(stepName: name, mark: mark, place: place, main: main, options: options)
        let step = try definition.compile(arguments, self)
        return Pipeline.Entry(step: step, name: name, input: signature.input)
    }

    /// The message for an option written as a step of its own: the nearest earlier step that
    /// takes it, else every step that does; nil when no step takes an option of that name.
    func misplacedOption(_ key: String, index: Int, after earlier: [String]) -> String? {
        let owners = registry.names.filter { registry[$0]?.signature.options.contains(key) == true }
        guard !owners.isEmpty else { return nil }
        let head = "\(place): step \(index + 1): '\(key)' is not a step but an option of"
        guard let position = earlier.lastIndex(where: owners.contains) else {
            return "\(head) \(owners.map { "'\($0)'" }.joined(separator: ", ")): write it in that step's map, beside the step's name"
        }
        let owner = earlier[position]
        return "\(head) '\(owner)' (step \(position + 1)): move it into step \(position + 1)'s map, "
            + "beside '\(owner):' and indented like it, without a '-' of its own"
    }

    /// " (did you mean 'lookup'?)" when a registered name is close to the one written.
    func suggestion(for name: String) -> String {
        let best = registry.names.min { editDistance($0, name) < editDistance($1, name) }
        guard let best, editDistance(best, name) <= max(2, name.count / 3) else {
            return ": known steps are " + registry.names.joined(separator: ", ")
        }
        return " (did you mean '\(best)'?)"
    }
}

/// Levenshtein distance, for "did you mean" hints on short names.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
