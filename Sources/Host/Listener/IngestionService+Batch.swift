import HTTPTypes
import Logging
import Prometheus
import Transforms

extension IngestionService {
    /// Maps every payload and gathers what the store must commit for this request.
    ///
    /// - Throws: `422` when a payload failed to map and the instance says `reject`: then
    ///   nothing is stored, not even samples; `499` when the sender is gone.
    func makeBatch(
        _ payloads: [ReceivedPayload], instance: InstanceRuntime, kept: KeptHeaders, received: Instant,
        isConnected: () -> Bool = { true }
    ) throws(IngestError) -> IngestBatch {
        let headersText = kept.json.serialized()
        let request = MappingRequest(headers: kept.mappingHeaders, receivedAt: received, explain: true)
        var items: [IngestItem] = []
        var samples: [NewSample] = []
        var failures: [String] = []
        var unmatched: [String] = []
        var defaultMapped = 0
        let histogram = IntakeMetrics.mappingHistogram(instance: instance.name)
        var fieldResults = FieldResultTally()
        for (index, payload) in payloads.enumerated() {
            // A body of many payloads can take a while to map; a sender that left stops it.
            guard isConnected() else { throw IngestError.senderGone }
            if instance.configuration.storeSamples {
                samples.append(NewSample(payloadText: payload.text, headersText: headersText, received: received))
            }
            let started = ContinuousClock.now
            let outcomes = instance.chain.map(payload.value, request: request)
            histogram.record(ContinuousClock.now - started)
            for outcome in outcomes {
                fieldResults.add(outcome)
                if outcome.isUnmatched {
                    IntakeMetrics.countUnmatched(instance: instance.name)
                    if case .mapped = outcome.result { defaultMapped += 1 }
                    if case .quarantined(let errors) = outcome.result {
                        unmatched += errors.map { (payloads.count > 1 ? "payload \(index + 1): " : "") + $0 }
                    }
                }
                switch outcome.result {
                case .mapped(let incident):
                    items.append(.incident(newIncident(incident, outcome: outcome, payload: payload, headersText: headersText, instance: instance)))
                case .quarantined(let errors):
                    let label = payloads.count > 1 ? "payload \(index + 1)" + (outcome.item.map { ", item \($0 + 1)" } ?? "") + ": " : ""
                    // An unmatched payload follows on_unmatched, not on_mapping_error.
                    if !outcome.isUnmatched { failures += errors.map { label + $0 } }
                    items.append(
                        .quarantine(
                            NewQuarantine(
                                payloadText: payload.text, headersText: headersText, errors: errors, mapperName: outcome.mapper?.name)))
                }
            }
        }
        fieldResults.record()
        if defaultMapped > 0 {
            // Not silent: a renamed form question or a wrong Content-Type shows in the log, not
            // only as a "Generic webhook triggered incident" (issue 13).
            logThrottle.log(
                logger, .notice, kind: "unmatched", at: received,
                "no mapper matched; stored with the default mapping (set on_unmatched: quarantine or reject to keep such payloads out)",
                metadata: ["instance": "\(instance.name)", "payloads": "\(defaultMapped)"])
        }
        if !unmatched.isEmpty, instance.configuration.onUnmatched == .reject {
            throw IngestError(.unprocessableContent, "No mapper matched; nothing was stored (on_unmatched: reject).", errors: unmatched)
        }
        if !failures.isEmpty, instance.configuration.onMappingError == .reject {
            throw IngestError(.unprocessableContent, "Mapping failed; nothing was stored.", errors: failures)
        }
        return IngestBatch(
            instance: instance.name, received: received, samples: samples, items: items,
            samplesKept: instance.configuration.storeSamples ? instance.configuration.samplesKept : 0)
    }

    func newIncident(
        _ incident: Incident, outcome: MappingOutcome, payload: ReceivedPayload, headersText: String, instance: InstanceRuntime
    ) -> NewIncident {
        let mapper = incident.mapper ?? outcome.mapper
        var stored = NewIncident(
            type: incident.type, name: incident.name, occurred: incident.occurred, severity: incident.severity,
            details: incident.details, fieldsText: incident.fieldsJSON?.serialized(),
            dedupKey: incident.dedupKey, rawPayloadText: outcome.raw?.serialized() ?? payload.text, headersText: headersText,
            mapperName: mapper?.name, mapperVersion: mapper?.version, mapperHash: mapper.flatMap { instance.mapperHashes[$0.name] },
            provenanceText: outcome.trace?.serialized())
        stored.actions = instance.actions.filter {
            $0.selection.selects(type: incident.type, severity: incident.severity, instance: instance.name)
        }.map(\.name)
        return stored
    }
}

extension IngestResult {
    /// One element of the `200` array (SPEC §4, SEMANTICS S121) for the batch item it answers:
    /// a duplicate names the key that matched, so a sender (or a person with curl) sees why.
    func responseJSON(answering item: IngestItem) -> JSON {
        switch self {
        case .created(let summary): return summary.responseJSON(status: "created")
        case .duplicate(let summary):
            guard case .incident(let incident) = item else { return summary.responseJSON(status: "duplicate") }
            return summary.responseJSON(status: "duplicate", dedupKey: incident.dedupKey)
        case .quarantined(let id, let errors):
            return ["id": .string(id), "status": "quarantined", "errors": .array(errors.map { .string($0) })]
        }
    }
}

extension StoredIncidentSummary {
    func responseJSON(status: String, dedupKey: String? = nil) -> JSON {
        var members: [(key: String, value: JSON)] = [
            ("id", .string(id)), ("name", .string(name ?? "")), ("type", .string(type)), ("occurred", .instant(occurred)),
            ("status", .string(status)),
        ]
        if let dedupKey { members.append(("dedup_key", .string(dedupKey))) }
        return .object(JSONObject(members))
    }
}
