/// The optional PATH argument shared by `parse_json` and `parse_form` (SEMANTICS S46).
///
/// In `prepare` the step edits the payload in place: every non-empty string node the path
/// selects is replaced by its parsed value, and other nodes (`""` and `null` included) stay.
/// Elsewhere the step is `path: PATH` followed by the parse, each selected value parsed when
/// the path is not singular. Both steps differ only in their `parse`, so this holds the rest.
struct ParseTarget: Sendable {
    let path: JSONPath
    let inPlace: Bool

    /// `nil` when the step has no argument and so parses its input.
    init?(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        guard let main = arguments.main else { return nil }
        path = try arguments.jsonPath(main)
        inPlace = compiler.isPrepare
    }

    func apply(
        _ input: JSON?, in context: StepContext, parse: (JSON) throws(StepError) -> JSON?
    ) throws(StepError) -> JSON? {
        inPlace
            ? try replace(in: input ?? context.payload, context: context, parse: parse)
            : try query(context, parse: parse)
    }

    /// `prepare`: the payload (the step's input) with the selected strings parsed in place.
    private func replace(
        in payload: JSON, context: StepContext, parse: (JSON) throws(StepError) -> JSON?
    ) throws(StepError) -> JSON? {
        var result = payload
        var replaced: [JSON] = []
        for node in path.select(payload) {
            guard case .string(let text) = node.value, !text.isEmpty else { continue }
            let parsed: JSON?
            do {
                parsed = try parse(node.value)
            } catch {
                throw StepError("at \(node.normalizedPath): \(error.message)")
            }
            if let parsed { result = result.replacing(at: node.location, with: parsed) }
            replaced.append(.string(node.normalizedPath))
        }
        context.note("replaced", .array(replaced))
        return result
    }

    /// Elsewhere: the path's result, parsed; a result with no value gives missing (S59).
    private func query(_ context: StepContext, parse: (JSON) throws(StepError) -> JSON?) throws(StepError) -> JSON? {
        let selected = path.query(context.payload, in: context)
        guard let selected, !selected.isNoValue else { return nil }
        guard !path.isSingular, case .array(let values) = selected else { return try parse(selected) }
        var results: [JSON] = []
        results.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            // A selected value with no value stays as it is, as in `prepare`.
            guard !value.isNoValue else {
                results.append(value)
                continue
            }
            do {
                results.append(try parse(value) ?? value)
            } catch {
                throw StepError("value \(index + 1): \(error.message)")
            }
        }
        return .array(results)
    }

    var traceArgument: JSON { .string(path.text) }
}
