/// A step's YAML, normalised from either form of SEMANTICS S14.
///
/// `{date: "M/d/yyyy", timezone: UTC}` and `{date: {format: "M/d/yyyy", timezone: UTC}}` both
/// arrive as `main` = `"M/d/yyyy"` and `options` = `[timezone: UTC]`, so a step reads one shape.
public struct StepArguments: Sendable {
    public var stepName: String
    /// Where the step key stands.
    public var mark: SourceMark
    /// Where in the mapper the step is, for messages: `fields.urls: step 2 (regex)`.
    public var place: String
    /// The main argument; `nil` when absent or null.
    public var main: YAMLNode?
    /// Sibling options by key, already checked against the step's signature.
    public var options: [String: YAMLNode]

    public init(stepName: String, mark: SourceMark, place: String, main: YAMLNode?, options: [String: YAMLNode]) {
        self.stepName = stepName
        self.mark = mark
        self.place = place
        self.main = main
        self.options = options
    }

    /// An error at `node` (else at the step) prefixed with the step's place.
    public func error(_ message: String, kind: SourceError.Kind = .invalidValue, at node: YAMLNode? = nil) -> SourceError {
        SourceError(kind, "\(place): \(message)", at: node?.mark ?? mark)
    }

    /// The main argument; the signature guarantees it for `.required` steps.
    public func requiredMain() throws(SourceError) -> YAMLNode {
        guard let main else { throw error("'\(stepName)' needs an argument", kind: .missingKey) }
        return main
    }

    /// A node's value as a string scalar, or an error saying what was expected.
    public func string(_ node: YAMLNode, _ what: String) throws(SourceError) -> String {
        guard case .scalar(.string(let string), _, _) = node.content else {
            throw error("\(what) must be a string, not \(node.kindName)", kind: .wrongShape, at: node)
        }
        return string
    }

    /// A node's scalar text (strings, numbers and booleans as written).
    public func scalarText(_ node: YAMLNode, _ what: String) throws(SourceError) -> String {
        guard case .scalar(let value, let text, _) = node.content, !value.isNull else {
            throw error("\(what) must be a scalar, not \(node.kindName)", kind: .wrongShape, at: node)
        }
        return text
    }

    public func bool(_ node: YAMLNode, _ what: String) throws(SourceError) -> Bool {
        guard case .scalar(.bool(let flag), _, _) = node.content else {
            throw error("\(what) must be true or false, not \(node.kindName)", kind: .wrongShape, at: node)
        }
        return flag
    }

    /// A JSONPath argument, compiled now so a bad path is a load error.
    public func jsonPath(_ node: YAMLNode) throws(SourceError) -> JSONPath {
        let text = try string(node, "a path")
        do {
            return try JSONPath(text)
        } catch {
            throw SourceError(.invalidPath, "\(place): invalid JSONPath '\(text)': \(error)", at: node.mark(ofValueByte: error.offset))
        }
    }

    /// A compiled regex, with its offset in the error.
    public func pattern(_ node: YAMLNode, options: RegexOptions = []) throws(SourceError) -> PCRE2Pattern {
        let text = try string(node, "a pattern")
        do {
            return try PCRE2Pattern(text, options: options)
        } catch {
            throw self.error("\(error)", kind: .invalidPattern, at: node)
        }
    }
}
