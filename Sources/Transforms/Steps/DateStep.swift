/// `date`, `date: FORMAT` or `date: {format, timezone}`: turns text or a number into an
/// instant (SEMANTICS S48).
///
/// The format and zone are checked when the mapper loads, so an unknown zone or pattern
/// letter is a mapper error at its line; at run time only the value can be wrong.
public struct DateStep: Step {
    public static let name = "date"
    public static let signature = StepSignature(
        argument: .optional, mainOption: "format", options: ["timezone"], input: .transform,
        summary: "text or epoch number → instant (ISO-8601, epoch, epoch_ms, TR35 pattern)")

    /// Any map argument is the options form: a format is never a map, so `{date: {timezone:
    /// UTC}}` (ISO in a zone) reads as meant and a misspelt key gets an "unknown option" error.
    @Sendable public static func isOptionsForm(_ node: YAMLNode) -> Bool {
        if case .mapping = node.content { return true }
        return false
    }

    let reader: DateReader
    let format: String?
    /// Kept for the trace: the zone decides the instant, so `--explain` shows it.
    let timezone: String?

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        try arguments.checkOptions(Self.signature.options)
        format = try arguments.main.map { node throws(SourceError) in try arguments.string(node, "a date format") }
        var timezone: String?
        if let zoneNode = arguments.options["timezone"] {
            let name = try arguments.string(zoneNode, "timezone")
            guard TimeZoneRules(identifier: name) != nil else {
                throw arguments.error("unknown time zone '\(name)': use an IANA name such as Europe/Paris or UTC", at: zoneNode)
            }
            timezone = name
        }
        self.timezone = timezone
        do {
            reader = try DateReader(format: format, timezone: timezone)
        } catch {
            throw arguments.error(error.message, at: arguments.main)
        }
    }

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard let input else { return nil }
        guard case .array(let elements) = input else { return .instant(try read(input)) }
        var instants: [JSON] = []
        instants.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            // Element-wise as the coercion steps are (S50): `null` elements are kept.
            if element.isNull {
                instants.append(.null)
                continue
            }
            do {
                instants.append(.instant(try read(element)))
            } catch {
                throw StepError("element \(index + 1): \(error.message)")
            }
        }
        return .array(instants)
    }

    func read(_ value: JSON) throws(StepError) -> Instant {
        do {
            return try reader.read(value)
        } catch {
            throw StepError(error.message)
        }
    }

    /// The format, or `{format, timezone}` when a zone is given: the zone changes the instant,
    /// so a trace without it could not explain the result.
    public var traceArgument: JSON? {
        guard let timezone else { return format.map { .string($0) } }
        var object = JSONObject()
        if let format { object["format"] = .string(format) }
        object["timezone"] = .string(timezone)
        return .object(object)
    }
}
