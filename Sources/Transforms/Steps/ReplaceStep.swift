/// `replace: {pattern, with, flags}` or `{replace: PATTERN, with: …}`: replaces every match
/// (SEMANTICS S32).
///
/// The argument is always a map. A lone `{replace: PATTERN}` is refused because a reader
/// cannot tell whether the author forgot `with` or meant to delete every match; the options
/// form `{replace: {pattern: …}}` names its keys, so there `with` defaults to `""`. The
/// generic options-form test cannot tell the two apart once normalised, so this step takes its
/// argument map whole (`definition` turns the generic test off) and reads it itself.
public struct ReplaceStep: Step {
    public static let name = "replace"
    public static let signature = StepSignature(
        argument: .required, mainOption: "pattern", options: ["with", "flags"], input: .transform,
        summary: "replace every match of a pattern")

    /// The registry entry: the step reads its own options map (see the type's comment).
    public static var definition: StepDefinition {
        StepDefinition(
            name: name, signature: signature, isOptionsForm: { _ in false },
            compile: { arguments, compiler throws(SourceError) in try ReplaceStep(arguments: arguments, compiler: compiler) })
    }

    let pattern: PCRE2Pattern
    let replacement: ReplacementTemplate
    let with: String

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        let main = try arguments.requiredMain()
        let patternNode: YAMLNode
        let withNode: YAMLNode?
        let flagsNode: YAMLNode?
        if case .mapping(let members) = main.content {
            let options = try arguments.optionsMap(members, allowed: ["pattern", "with", "flags"])
            guard let node = options["pattern"] else {
                throw arguments.error("the options map needs 'pattern': write {replace: {pattern: P, with: X}}", kind: .missingKey, at: main)
            }
            patternNode = node
            withNode = options["with"]
            flagsNode = options["flags"]
        } else {
            guard let node = arguments.options["with"] else {
                throw arguments.error(
                    "'with' is missing: write {replace: PATTERN, with: \"\"} to delete every match", at: main)
            }
            patternNode = main
            withNode = node
            flagsNode = arguments.options["flags"]
        }
        pattern = try arguments.pattern(patternNode, options: try arguments.regexOptions(flagsNode))
        if let withNode {
            guard case .scalar(let value, let text, _) = withNode.content, !value.isNull else {
                throw arguments.error("'with' must be text, not \(withNode.kindName): write with: \"\" to delete", kind: .wrongShape, at: withNode)
            }
            with = text
        } else {
            with = ""
        }
        do {
            replacement = try ReplacementTemplate(with, for: pattern)
        } catch {
            throw arguments.error("invalid 'with' '\(with)': \(error)", at: withNode ?? main)
        }
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard let input else { return nil }
        switch try TextInput(input) {
        case .single(let text):
            return .string(try replaced(text))
        case .list(let texts):
            var output: [JSON] = []
            output.reserveCapacity(texts.count)
            for text in texts {
                if let text {
                    output.append(.string(try replaced(text)))
                } else {
                    output.append(.null)
                }
            }
            return .array(output)
        }
    }

    func replaced(_ text: String) throws(StepError) -> String {
        do {
            return try pattern.replacingAll(in: text, with: replacement)
        } catch {
            throw error.stepError
        }
    }

    public var traceArgument: JSON? { ["pattern": .string(pattern.pattern), "with": .string(with)] }
}
