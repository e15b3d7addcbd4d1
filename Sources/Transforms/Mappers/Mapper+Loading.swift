extension Mapper {
    /// The keys a mapper may have (SEMANTICS S8): anything else, such as `feilds`, is a mistake.
    static let keys = ["mapper", "version", "when", "prepare", "for_each", "type", "dedup", "fields"]

    /// Compiles a mapper from its file's YAML.
    ///
    /// - Throws: every mistake found, each at its `file:line:column`; compilation goes on
    ///   after a bad field so that one run of `intake check` lists them all.
    public init(node: YAMLNode, file: String, sourceText: String, registry: StepRegistry) throws(SourceErrors) {
        var errors: [SourceError] = []
        guard case .mapping(let members) = node.content else {
            throw SourceErrors([SourceError(.wrongShape, "a mapper file must be a map with a 'mapper' key", at: node.mark)])
        }
        for member in members where !Mapper.keys.contains(member.key) {
            let hint =
                Mapper.keys.min { editDistance($0, member.key) < editDistance($1, member.key) }
                .map { editDistance($0, member.key) <= 2 ? " (did you mean '\($0)'?)" : "" } ?? ""
            errors.append(
                SourceError(
                    .unknownName, "unknown mapper key '\(member.key)'\(hint); a mapper has \(Mapper.keys.joined(separator: ", "))",
                    at: member.keyMark))
        }

        var name = ""
        if let nameNode = node["mapper"] {
            if case .scalar(.string(let text), _, _) = nameNode.content, Mapper.isValidName(text) {
                name = text
            } else {
                errors.append(
                    SourceError(
                        .invalidValue,
                        "mapper: the name must match [a-z0-9][a-z0-9-]* (lower-case letters, digits, '-'), not '\(nameNode.json.text)'",
                        at: nameNode.mark))
            }
        }
        var version = 1
        if let versionNode = node["version"] {
            if case .scalar(.number(.int(let number)), _, _) = versionNode.content, number > 0 {
                version = number
            } else {
                errors.append(SourceError(.wrongShape, "version: must be a positive integer, not \(versionNode.kindName)", at: versionNode.mark))
            }
        }

        func collect<T>(_ body: () throws(SourceError) -> T?) -> T? {
            do { return try body() } catch { errors.append(error); return nil }
        }

        let when = collect { () throws(SourceError) -> Condition? in
            guard let whenNode = node["when"] else { return nil }
            return try Condition(whenNode, compiler: PipelineCompiler(registry: registry, place: "when"))
        }
        let prepare = collect { () throws(SourceError) -> Pipeline? in
            guard let prepareNode = node["prepare"] else { return nil }
            guard case .sequence = prepareNode.content else {
                throw SourceError(.wrongShape, "prepare: must be a list of steps", at: prepareNode.mark)
            }
            return try PipelineCompiler(registry: registry, place: "prepare", isPrepare: true).compilePipeline(prepareNode)
        }
        let forEach = collect { () throws(SourceError) -> JSONPath? in
            guard let forEachNode = node["for_each"] else { return nil }
            guard case .scalar(.string(let text), _, _) = forEachNode.content, text.hasPrefix("$") else {
                throw SourceError(.wrongShape, "for_each: must be a JSONPath such as $.alerts[*]", at: forEachNode.mark)
            }
            do throws(JSONPathError) { return try JSONPath(text) } catch {
                throw SourceError(.invalidPath, "for_each: invalid JSONPath '\(text)': \(error)", at: forEachNode.mark(ofValueByte: error.offset))
            }
        }
        let type = collect { () throws(SourceError) -> TypeSelection in
            guard let typeNode = node["type"] else { return .instanceDefault }
            if case .scalar(.string(let text), _, _) = typeNode.content, !text.hasPrefix("$") {
                return .constant(text, mark: typeNode.mark)
            }
            let pipeline = try PipelineCompiler(registry: registry, place: "type").compilePipeline(typeNode)
            return .pipeline(pipeline, mark: typeNode.mark)
        }
        let dedup = collect { () throws(SourceError) -> Pipeline? in
            guard let dedupNode = node["dedup"] else { return nil }
            return try PipelineCompiler(registry: registry, place: "dedup").compilePipeline(dedupNode)
        }
        var fields: [MappedField] = []
        if let fieldsNode = node["fields"] {
            if case .mapping(let fieldMembers) = fieldsNode.content {
                for member in fieldMembers {
                    if member.key == "type" {
                        errors.append(
                            SourceError(
                                .invalidValue, "fields.type: the type is chosen by the top-level 'type:' key, not a field", at: member.keyMark))
                        continue
                    }
                    let compiler = PipelineCompiler(registry: registry, place: "fields.\(member.key)")
                    if let pipeline = collect({ () throws(SourceError) in try compiler.compilePipeline(member.value) }) {
                        fields.append(MappedField(name: member.key, pipeline: pipeline, mark: member.keyMark))
                    }
                }
            } else {
                errors.append(SourceError(.wrongShape, "fields: must be a map of field name to pipeline", at: fieldsNode.mark))
            }
        }
        guard errors.isEmpty else { throw SourceErrors(errors) }
        self.init(
            identity: MapperIdentity(name: name, version: version), file: file, sourceText: sourceText,
            when: when ?? nil, prepare: prepare ?? nil, forEach: forEach ?? nil, type: type ?? .instanceDefault,
            dedup: dedup ?? nil, fields: fields)
    }

    /// Loads and compiles one mapper file.
    public init(contentsOf path: String, registry: StepRegistry) throws(SourceErrors) {
        let text: String
        do { text = try readTextFile(path) } catch {
            throw SourceErrors([SourceError(.unreadable, "cannot read the mapper file: \(error)", at: SourceMark(file: path, line: 1, column: 1))])
        }
        let node: YAMLNode
        do { node = try YAMLLoader.load(text, file: path) } catch {
            throw SourceErrors([error])
        }
        guard node["mapper"] != nil else {
            throw SourceErrors([SourceError(.invalidValue, "not a mapper file: it has no top-level 'mapper' key", at: node.mark)])
        }
        try self.init(node: node, file: path, sourceText: text, registry: registry)
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isLowerAlphanumeric else { return false }
        return name.unicodeScalars.allSatisfy { $0.isLowerAlphanumeric || $0 == "-" }
    }
}

extension Unicode.Scalar {
    fileprivate var isLowerAlphanumeric: Bool { ("a"..."z").contains(self) || ("0"..."9").contains(self) }
}
