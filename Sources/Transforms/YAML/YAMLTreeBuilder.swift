/// Builds the node tree from libyaml's events, enforcing Intake's YAML rules as it goes.
///
/// Rules are checked on the event stream, not on a finished tree, so an alias or a too-deep
/// nesting stops the load at once with the mark of the offending node.
struct YAMLTreeBuilder: ~Copyable {
    var reader: YAMLEventReader
    let maximumDepth: Int

    /// The stream's single document; an empty stream gives null at 1:1.
    mutating func document() throws(SourceError) -> YAMLNode {
        _ = try reader.next()  // stream start
        let start = try reader.next()
        guard case .documentStart = start.kind else {
            let mark = SourceMark(file: reader.file, line: 1, column: 1)
            return YAMLNode(content: .scalar(.null, text: "", quoted: false), mark: mark)
        }
        let root = try node(try reader.next(), depth: 0)
        _ = try reader.next()  // document end
        let after = try reader.next()
        if case .documentStart = after.kind {
            throw SourceError(
                .syntax, "a second YAML document starts here; a file holds exactly one (remove the extra '---')", at: after.mark)
        }
        return root
    }

    /// The node that `event` starts, reading the events of its children.
    private mutating func node(_ event: YAMLEvent, depth: Int) throws(SourceError) -> YAMLNode {
        switch event.kind {
        case .scalar(let value, let tag, let plain, let written):
            var node = try scalar(value, tag: tag, plain: plain, mark: event.mark)
            node.writtenText = written
            return node
        case .alias:
            throw SourceError(.unsupportedYAML, "aliases are not supported: write the value out", at: event.mark)
        case .sequenceStart(let tag):
            try check(tag, allowed: "tag:yaml.org,2002:seq", at: event.mark)
            try checkDepth(depth + 1, at: event.mark)
            var items: [YAMLNode] = []
            while true {
                let next = try reader.next()
                if case .sequenceEnd = next.kind { break }
                items.append(try node(next, depth: depth + 1))
            }
            return YAMLNode(content: .sequence(items), mark: event.mark)
        case .mappingStart(let tag):
            try check(tag, allowed: "tag:yaml.org,2002:map", at: event.mark)
            try checkDepth(depth + 1, at: event.mark)
            return YAMLNode(content: .mapping(try members(depth: depth + 1)), mark: event.mark)
        default:
            // libyaml's grammar never puts stream, document or end events where a node starts.
            throw SourceError(.syntax, "unexpected YAML structure", at: event.mark)
        }
    }

    /// The members of a map whose start event was just read, up to its end event.
    private mutating func members(depth: Int) throws(SourceError) -> [YAMLMember] {
        var members: [YAMLMember] = []
        var firstLine: [String: Int] = [:]
        while true {
            let keyEvent = try reader.next()
            let key: String
            switch keyEvent.kind {
            case .mappingEnd:
                return members
            case .scalar(let value, let tag, let plain, _):
                if plain, value == "<<", tag == nil {
                    throw SourceError(.unsupportedYAML, "merge keys are not supported: write the members out", at: keyEvent.mark)
                }
                key = Self.keyText(try scalar(value, tag: tag, plain: plain, mark: keyEvent.mark))
            case .alias:
                throw SourceError(.unsupportedYAML, "aliases are not supported: write the value out", at: keyEvent.mark)
            default:
                throw SourceError(.unsupportedYAML, "a map key must be a single value, not a list or a map", at: keyEvent.mark)
            }
            if let line = firstLine[key] {
                throw SourceError(.duplicateKey, "duplicate key '\(key)' (first at line \(line))", at: keyEvent.mark)
            }
            firstLine[key] = keyEvent.mark.line
            let value = try node(try reader.next(), depth: depth)
            members.append(YAMLMember(key: key, keyMark: keyEvent.mark, value: value))
        }
    }

    /// A scalar node: core schema for untagged plain scalars, a string otherwise.
    private func scalar(_ value: String, tag: String?, plain: Bool, mark: SourceMark) throws(SourceError) -> YAMLNode {
        let json: JSON
        switch tag {
        case nil: json = plain ? YAMLScalarResolver.resolve(plain: value) : .string(value)
        case "!", "tag:yaml.org,2002:str": json = .string(value)
        case let tag?: throw Self.unsupported(tag, at: mark)
        }
        return YAMLNode(content: .scalar(json, text: value, quoted: !plain), mark: mark)
    }

    /// The text a scalar key stands for: numbers, booleans and null become their text (S5).
    static func keyText(_ node: YAMLNode) -> String {
        guard case .scalar(let value, let text, _) = node.content else { return "" }
        switch value {
        case .string(let string): return string
        case .null: return "null"
        case .bool(let bool): return bool ? "true" : "false"
        case .number(.int(let int)): return String(int)
        case .number(.bigInt(let digits)): return digits
        case .number(.double(let double)): return double.description
        default: return text
        }
    }

    private func check(_ tag: String?, allowed: String, at mark: SourceMark) throws(SourceError) {
        guard let tag, tag != "!", tag != allowed else { return }
        throw Self.unsupported(tag, at: mark)
    }

    private func checkDepth(_ depth: Int, at mark: SourceMark) throws(SourceError) {
        guard depth > maximumDepth else { return }
        throw SourceError(.syntax, "lists and maps are nested deeper than \(maximumDepth) levels", at: mark)
    }

    private static func unsupported(_ tag: String, at mark: SourceMark) -> SourceError {
        let prefix = "tag:yaml.org,2002:"
        let shown = tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
        return SourceError(.unsupportedYAML, "unsupported tag '\(shown)': only !!str is supported", at: mark)
    }
}
