/// `lookup: TABLE` or `lookup: {table, default, ignore_case, strict}`: maps a value through a
/// table, comparing it as text (SEMANTICS S40).
///
/// The table is indexed when the mapper loads, folded too when `ignore_case` is on, so each
/// payload costs one dictionary probe per value.
public struct LookupStep: Step {
    public static let name = "lookup"
    public static let signature = StepSignature(
        argument: .required, mainOption: "table", options: ["default", "ignore_case", "strict"], input: .custom,
        summary: "map a value through a table (drop-down value → value)")

    /// The options form is recognised only when `table` is a map, so a table that happens to
    /// have a `table` entry with a scalar value stays a table (S40).
    @Sendable public static func isOptionsForm(_ node: YAMLNode) -> Bool {
        guard case .mapping = node.content, let table = node["table"], case .mapping = table.content else { return false }
        return true
    }

    /// Table keys (folded when `ignore_case`) to the matched key as written and its value.
    let entries: [String: (key: String, value: JSON)]
    let defaultValue: JSON?
    let ignoreCase: Bool
    let strict: Bool
    let tableJSON: JSON
    /// The literals it can output: the value of each entry a key can select, then `default`.
    public let references: [StepReference]

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        try arguments.checkOptions(Self.signature.options)
        let table = try arguments.requiredMain()
        guard case .mapping(let members) = table.content else {
            throw arguments.error("the table must be a map of value: result, not \(table.kindName)", kind: .wrongShape, at: table)
        }
        ignoreCase = try arguments.flag("ignore_case")
        strict = try arguments.flag("strict")
        let defaultNode = arguments.options["default"]
        defaultValue = defaultNode?.json
        var entries: [String: (key: String, value: JSON)] = [:]
        var references: [StepReference] = []
        for member in members {
            let key = ignoreCase ? member.key.caseFolded : member.key
            guard entries[key] == nil else { continue }  // first key wins
            entries[key] = (member.key, member.value.json)
            references.append(.literal(member.value.json, at: member.value.mark))
        }
        if let defaultNode { references.append(.literal(defaultNode.json, at: defaultNode.mark)) }
        self.entries = entries
        self.references = references
        tableJSON = table.json
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard let input, !input.isNoValue else { return defaultValue }
        guard case .array(let elements) = input else { return try resolve(input, in: context) }
        // One note per element would keep only the last: a list notes `entries`, the key used
        // for each element in order (`null` for a miss).
        var used: [JSON]? = context.recorder == nil ? nil : []
        defer { if let used { context.note("entries", .array(used)) } }
        var results: [JSON] = []
        for element in elements {
            let entry = self.entry(for: element)
            used?.append(entry.map { .string($0.key) } ?? .null)
            if let result = try resolve(element, entry: entry) { results.append(result) }
        }
        return .array(results)
    }

    /// The table entry a value selects, if any.
    func entry(for value: JSON) -> (key: String, value: JSON)? {
        guard let text = value.lookupText else { return nil }
        return entries[ignoreCase ? text.caseFolded : text]
    }

    /// One value's result, noting the entry used or the miss.
    func resolve(_ value: JSON, in context: StepContext) throws(StepError) -> JSON? {
        let entry = self.entry(for: value)
        if let entry { context.note("entry", .string(entry.key)) } else { context.note("miss", value) }
        return try resolve(value, entry: entry)
    }

    /// One value's result: the entry, else the default, else a strict error, else missing.
    func resolve(_ value: JSON, entry: (key: String, value: JSON)?) throws(StepError) -> JSON? {
        if let entry { return entry.value }
        if let defaultValue { return defaultValue }
        if strict { throw StepError("no entry for \(value.errorExcerpt) in the table, and strict is on: add it, or give a default") }
        return nil
    }

    public var traceArgument: JSON? { tableJSON }
}

extension JSON {
    /// The text `lookup` compares (S40): a string as-is, a number or boolean as JSON text,
    /// `null` as `null` (it reaches here only as a list element); `nil` for a list or object.
    var lookupText: String? {
        switch self {
        case .string(let string): string
        case .null: "null"
        case .number, .bool, .instant: text
        case .array, .object: nil
        }
    }
}

extension String {
    /// Full Unicode case folding for comparison (`ß` and `SS` fold alike).
    ///
    /// Upper-casing first applies the full mappings that expand (`ß` → `SS`); lower-casing
    /// then brings every cased letter to one form, so the two together fold as Unicode's
    /// `CaseFolding.txt` full folding does for the letters drop-downs contain.
    var caseFolded: String { uppercased().lowercased() }
}
