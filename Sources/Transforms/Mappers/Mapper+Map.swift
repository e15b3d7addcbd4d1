extension Mapper {
    /// Maps a payload whose `when` held: `prepare`, then `for_each`, then each item (S11).
    func map(_ payload: JSON, chain: MappingChain, request: MappingRequest) -> [MappingOutcome] {
        var prepared = payload
        if let prepare {
            do {
                prepared = try prepare.runPrepare(payload, headers: request.headers)
            } catch {
                return [wholePayloadFailure("prepare: \(error.message)", request: request)]
            }
        }
        guard let forEach else {
            return [mapItem(prepared, root: prepared, index: nil, chain: chain, request: request)]
        }
        let nodes = forEach.select(prepared)
        guard !nodes.isEmpty else {
            return [wholePayloadFailure("for_each: \(forEach.text) matched nothing", request: request)]
        }
        return nodes.enumerated().map { index, node in
            mapItem(node.value, root: prepared, index: index, chain: chain, request: request)
        }
    }

    private func wholePayloadFailure(_ message: String, request: MappingRequest) -> MappingOutcome {
        MappingOutcome(
            result: .quarantined(errors: [message]), mapper: identity,
            trace: request.explain ? ["mapper": .string(name), "error": .string(message)] : nil)
    }

    /// Maps one item: `type`, the fields in file order, the required check, then `dedup`.
    /// Every error is collected; a failing field does not stop the others (S11).
    func mapItem(_ item: JSON, root: JSON, index: Int?, chain: MappingChain, request: MappingRequest) -> MappingOutcome {
        let recorder = request.explain ? TraceRecorder() : nil
        var context = StepContext(payload: item, root: root, headers: request.headers, recorder: recorder)
        var errors: [String] = []
        var trace = JSONObject()
        trace["mapper"] = .string(name)

        let selection = selectType(in: context, chain: chain)
        if let recorder { trace["type"] = stepTrace(recorder.takeSteps(), value: selection.type.map(JSON.string)) }
        if let error = selection.error { errors.append(error) }
        let type = selection.type.flatMap(chain.types.type(named:))
        context.type = selection.type ?? chain.defaultType

        var failed: Set<String> = []
        var fieldTraces = JSONObject()
        for field in fields {
            var value: JSON?
            do {
                value = try field.pipeline.run(in: context)
                if value.hasValue, let raw = value {
                    value = try FieldCoercion.coerce(raw, field: field.name, of: type)
                } else {
                    value = nil
                }
            } catch let error as StepError {
                errors.append("fields.\(field.name): \(error.message)")
                failed.insert(field.name)
                value = nil
            } catch {
                errors.append("fields.\(field.name): \(error)")
                failed.insert(field.name)
                value = nil
            }
            context.fields[field.name] = value
            if let recorder { fieldTraces[field.name] = stepTrace(recorder.takeSteps(), value: value) }
        }
        if recorder != nil { trace["fields"] = .object(fieldTraces) }

        for (fieldName, spec) in type?.fields ?? [] where spec.required {
            if context.fields[fieldName] == nil && !failed.contains(fieldName) {
                errors.append("fields.\(fieldName): required field is missing")
            }
        }

        var dedupKey: String?
        if let dedup {
            var keyContext = context
            keyContext.templatesNeedEveryPart = true
            do {
                let key = try dedup.run(in: keyContext)
                if key.hasValue, let key { dedupKey = key.stringValue ?? key.text }
            } catch {
                errors.append("dedup: \(error.message)")
            }
            if let recorder { trace["dedup"] = stepTrace(recorder.takeSteps(), value: dedupKey.map(JSON.string)) }
        }

        let traceJSON: JSON? = recorder == nil ? nil : .object(trace)
        guard errors.isEmpty, let typeName = selection.type else {
            return MappingOutcome(item: index, result: .quarantined(errors: errors), mapper: identity, trace: traceJSON)
        }
        let incident = Incident(
            type: typeName,
            name: context.fields["name"]?.stringValue,
            occurred: context.fields["occurred"].flatMap { if case .instant(let instant) = $0 { instant } else { nil } }
                ?? request.receivedAt,
            severity: context.fields["severity"].flatMap { if case .number(.int(let level)) = $0 { level } else { nil } } ?? 0,
            details: context.fields["details"]?.stringValue,
            fields: context.fields.filter { BuiltInField(rawValue: $0.key) == nil },
            mapper: identity,
            dedupKey: dedupKey)
        return MappingOutcome(item: index, result: .mapped(incident), mapper: identity, trace: traceJSON)
    }

    /// The type the mapper selects, or the error that leaves it unknown (S75).
    private func selectType(in context: StepContext, chain: MappingChain) -> (type: String?, error: String?) {
        switch type {
        case .instanceDefault:
            return (chain.defaultType, nil)
        case .constant(let name, _):
            return (name, nil)
        case .pipeline(let pipeline, _):
            var value: JSON?
            do { value = try pipeline.run(in: context) } catch { return (nil, "type: \(error.message)") }
            if case .array(let elements) = value, elements.count == 1 { value = elements[0] }
            guard value.hasValue, let value else { return (chain.defaultType, nil) }
            guard case .string(let name) = value else {
                return (nil, "type: the type must be a string, not \(value.kindName)")
            }
            guard chain.types.declares(name) else {
                return (nil, "type: '\(name)' is not a declared incident type")
            }
            return (name, nil)
        }
    }

    private func stepTrace(_ steps: [JSON], value: JSON?) -> JSON {
        var object = JSONObject()
        object["steps"] = .array(steps)
        if let value { object["value"] = value }
        return .object(object)
    }
}

extension Pipeline {
    /// Runs `prepare` (S47): each step receives the whole payload and its output replaces it;
    /// a step whose output has no value is an error.
    func runPrepare(_ payload: JSON, headers: [HTTPHeader]) throws(StepError) -> JSON {
        var current = payload
        for (index, entry) in entries.enumerated() {
            let context = StepContext(payload: current, headers: headers)
            let output: JSON?
            do {
                output = try entry.step.apply(current, in: context)
            } catch {
                throw StepError("step \(index + 1) (\(entry.name)): \(error.message)")
            }
            guard output.hasValue, let output else {
                throw StepError("step \(index + 1) (\(entry.name)): the payload has no value after this step")
            }
            current = output
        }
        return current
    }
}
