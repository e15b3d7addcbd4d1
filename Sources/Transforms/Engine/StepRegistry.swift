/// How a step is made from YAML: the registry's unit, so a built-in Swift type and a
/// WebAssembly plugin loaded at run time register the same way.
public struct StepDefinition: Sendable {
    public var name: String
    public var signature: StepSignature
    /// Whether the options form `{step: {main, option…}}` applies to this map argument
    /// (S14). `lookup` recognises it only when `table` is a map (S40).
    public var isOptionsForm: @Sendable (YAMLNode) -> Bool
    public var compile: @Sendable (StepArguments, PipelineCompiler) throws(SourceError) -> any Step
    /// Where the step comes from, for `intake plugins list`.
    public var origin: StepOrigin
    /// The step's own version; `nil` for a built-in, which is versioned with Intake.
    public var version: String?
    /// The argument's JSON Schema, when the step declares one (WebAssembly plugins do).
    public var argumentSchema: JSON?

    /// A Swift step type's entry; its origin is the module that defines it.
    public init<S: Step>(_ type: S.Type, version: String? = nil) {
        name = S.name
        signature = S.signature
        isOptionsForm = { node in StepDefinition.hasOnlyOptionKeys(node, signature: S.signature) }
        compile = { arguments, compiler throws(SourceError) in try S(arguments: arguments, compiler: compiler) }
        let module = String(reflecting: S.self).split(separator: ".").first.map(String.init) ?? ""
        origin = module == "Transforms" ? .builtIn : .swift(module: module)
        self.version = version
        argumentSchema = nil
    }

    public init(
        name: String, signature: StepSignature,
        isOptionsForm: @escaping @Sendable (YAMLNode) -> Bool,
        compile: @escaping @Sendable (StepArguments, PipelineCompiler) throws(SourceError) -> any Step,
        origin: StepOrigin = .swift(module: ""), version: String? = nil, argumentSchema: JSON? = nil
    ) {
        self.name = name
        self.signature = signature
        self.isOptionsForm = isOptionsForm
        self.compile = compile
        self.origin = origin
        self.version = version
        self.argumentSchema = argumentSchema
    }

    /// The default test for the options form: a map whose keys are all the step's main option
    /// or its sibling options, the main option among them.
    static func hasOnlyOptionKeys(_ node: YAMLNode, signature: StepSignature) -> Bool {
        guard let main = signature.mainOption, case .mapping(let members) = node.content else { return false }
        let allowed = Set([main] + signature.options)
        return members.contains { $0.key == main } && members.allSatisfy { allowed.contains($0.key) }
    }
}

/// The table of steps a mapper may use, by name.
///
/// Swift has no link-time plugin inventory, so the built-ins are listed here, once: adding a
/// step is one new file in `Steps/` and one line below. Tests and Swift step packages build
/// their own registry with `adding(_:)`.
public struct StepRegistry: Sendable {
    public private(set) var definitions: [String: StepDefinition]

    public init(_ definitions: [StepDefinition]) {
        self.definitions = [:]
        for definition in definitions { self.definitions[definition.name] = definition }
    }

    public subscript(name: String) -> StepDefinition? { definitions[name] }

    public var names: [String] { definitions.keys.sorted() }

    /// A registry with one more step.
    ///
    /// - Throws: when the name is taken: a built-in name cannot be shadowed (SPEC §11).
    public func adding(_ definition: StepDefinition) throws(StepRegistryError) -> StepRegistry {
        guard definitions[definition.name] == nil else { throw StepRegistryError(name: definition.name) }
        var copy = self
        copy.definitions[definition.name] = definition
        return copy
    }

    public static let builtIn = StepRegistry(
        builtInDefinitions.map { definition in
            var definition = definition
            definition.origin = .builtIn
            return definition
        })

    private static let builtInDefinitions = [
        // sources
        StepDefinition(PathStep.self).describingArgument(ArgumentSchema.path),
        StepDefinition(GetStep.self).describingArgument(ArgumentSchema.path),
        StepDefinition(RootStep.self).describingArgument(ArgumentSchema.path),
        StepDefinition(ValueStep.self),
        StepDefinition(FieldStep.self).describingArgument(ArgumentSchema.scalar),
        StepDefinition(HeaderStep.self).describingArgument(ArgumentSchema.scalar),
        StepDefinition(TemplateStep.self).describingArgument(ArgumentSchema.scalar),
        StepDefinition(CoalesceStep.self).describingArgument(ArgumentSchema.pipelines),
        // text
        StepDefinition(TrimStep.self),
        StepDefinition(LowercaseStep.self),
        StepDefinition(UppercaseStep.self),
        ReplaceStep.definition.describingArgument(ArgumentSchema.string),
        StepDefinition(RegexStep.self).describingArgument(ArgumentSchema.string),
        StepDefinition(ExtractStep.self).describingArgument(["enum": .array(IndicatorKind.allCases.map { .string($0.rawValue) })]),
        SplitStep.definition,
        StepDefinition(JoinStep.self).describingArgument(ArgumentSchema.scalar),
        // lookups and defaults
        StepDefinition(LookupStep.self).recognizingOptionsForm(LookupStep.isOptionsForm).describingArgument(ArgumentSchema.map),
        StepDefinition(DefaultStep.self),
        // lists
        StepDefinition(FirstStep.self),
        StepDefinition(LastStep.self),
        StepDefinition(CountStep.self),
        StepDefinition(UniqueStep.self),
        StepDefinition(FlattenStep.self),
        StepDefinition(CompactStep.self),
        StepDefinition(EachStep.self).describingArgument(ArgumentSchema.pipeline),
        // parsing and dates
        StepDefinition(ParseJSONStep.self),
        StepDefinition(ParseFormStep.self),
        StepDefinition(DateStep.self).recognizingOptionsForm(DateStep.isOptionsForm).describingArgument(ArgumentSchema.string),
        // coercions and control
        StepDefinition(ToStringStep.self),
        StepDefinition(ToIntStep.self),
        StepDefinition(ToNumberStep.self),
        StepDefinition(ToBoolStep.self),
        StepDefinition(RequiredStep.self),
        StepDefinition(IfStep.self).describingArgument(ArgumentSchema.map),
    ]
}

/// Where a registered step comes from.
public enum StepOrigin: Sendable, Equatable {
    /// One of Intake's own steps (`StepRegistry.builtIn`).
    case builtIn
    /// A WebAssembly plugin loaded from this file.
    case webAssembly(file: String)
    /// A Swift step type from this module (a Swift step package, SPEC §11).
    case swift(module: String)
}

public struct StepRegistryError: Error, CustomStringConvertible, Sendable {
    public var name: String
    public var description: String { "a step named '\(name)' is already registered" }
}
