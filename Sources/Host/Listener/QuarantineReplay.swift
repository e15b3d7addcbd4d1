import Transforms

/// Runs quarantined payloads through today's chains: those that now map become incidents
/// and leave the quarantine, the others stay (`intake replay`, `POST /api/quarantine/replay`).
///
/// A payload is replayed as a unit. The quarantine keeps one row per failed `for_each` item
/// with the whole payload, so the rows of one payload (same instance, time, payload and
/// headers) are mapped once together, and committed only when every incident the payload
/// gives now maps: a payload half fixed stays whole in quarantine. When fewer items failed
/// than the payload has, the others were stored on arrival; the rows do not say which, so the
/// payload is committed only when every item has a dedup key (the stored ones come back as
/// `duplicate`), never stored twice. Incidents are committed through `IncidentStore.commit`
/// exactly as the listener commits them, and the rows are resolved in the same transaction:
/// when two replays (two operators, two listeners) take the same rows at once, one commits
/// and the other stores nothing and reports the rows as no longer open. New incidents are
/// `created` at the replay (when they entered the store, so `since` filters find them);
/// `occurred` defaults to the time first received. docs/cli.md describes the answer.
package struct QuarantineReplay: Sendable {
    let service: IngestionService

    /// Replays with the chains and store of a running (or CLI-built) ingestion service.
    package init(service: IngestionService) {
        self.service = service
    }

    /// Replays every open quarantined payload, or those of `instance`, or only `ids`.
    ///
    /// - Throws: `StoreError` when the store cannot be read or committed; what was committed
    ///   and resolved before stays so, and running again continues where it stopped.
    package func run(instance: String? = nil, ids: [String]? = nil) async throws -> ReplaySummary {
        var open = try await openPayloads(instance: instance)
        var summary = ReplaySummary()
        if let ids {
            let wanted = Set(ids)
            open = open.filter { wanted.contains($0.id) }
            let found = Set(open.map(\.id))
            var seen: Set<String> = []
            summary.notFound = ids.filter { !found.contains($0) && seen.insert($0).inserted }
        }
        for group in Self.groups(open) {
            let result = try await replay(group)
            // Asked for by id but resolved by another replay meanwhile: no longer open.
            if case .resolvedMeanwhile = result, ids != nil { summary.notFound += group.map(\.id) }
            summary.add(result, rows: group)
        }
        return summary
    }

    /// Every open row, oldest first, so replayed incidents are created in the order received.
    private func openPayloads(instance: String?) async throws -> [QuarantinedPayload] {
        var rows: [QuarantinedPayload] = []
        var cursor: String?
        repeat {
            let page = try await service.store.quarantined(
                QuarantineQuery(instance: instance, limit: QuarantineQuery.pageLimit, cursor: cursor))
            rows += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return rows.reversed()
    }

    /// The rows of one payload together, in order of their first row.
    static func groups(_ rows: [QuarantinedPayload]) -> [[QuarantinedPayload]] {
        struct Key: Hashable {
            var instance: String
            var received: Int64
            var payload: String
            var headers: String
        }
        var order: [Key] = []
        var groups: [Key: [QuarantinedPayload]] = [:]
        for row in rows {
            let key = Key(
                instance: row.instance, received: row.received.millisecondsSinceEpoch, payload: row.payloadText,
                headers: row.headersText)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        return order.compactMap { groups[$0] }
    }

    /// Maps one payload's rows again; commits and resolves them when everything maps.
    private func replay(_ rows: [QuarantinedPayload]) async throws -> ReplayResult {
        guard let first = rows.first else { return .stillQuarantined(errors: []) }
        guard let runtime = service.instances[first.instance] else {
            return .stillQuarantined(errors: ["instance '\(first.instance)' is not configured"])
        }
        let value: JSON
        do { value = try JSON.parse(first.payloadText) } catch {
            return .stillQuarantined(errors: ["the stored payload is not valid JSON (\(error))"])
        }
        let request = MappingRequest(
            headers: HTTPHeader.list(storedJSON: first.headersText), receivedAt: first.received, explain: true)
        let payload = ReceivedPayload(value: value, text: first.payloadText)
        var incidents: [IngestItem] = []
        var errors: [String] = []
        var perItem = false
        var everyKeyed = true
        for outcome in runtime.chain.map(value, request: request) {
            perItem = perItem || outcome.item != nil
            switch outcome.result {
            case .mapped(let incident):
                everyKeyed = everyKeyed && incident.dedupKey != nil
                incidents.append(
                    .incident(
                        service.newIncident(
                            incident, outcome: outcome, payload: payload, headersText: first.headersText, instance: runtime)))
            case .quarantined(let itemErrors):
                errors += outcome.item.map { item in itemErrors.map { "item \(item + 1): \($0)" } } ?? itemErrors
            }
        }
        guard errors.isEmpty else { return .stillQuarantined(errors: errors) }
        if perItem {
            // One row per failed item: with fewer rows than items, the others were stored
            // when the payload arrived, and only a dedup key lets them come back as duplicates.
            let failedWhole = rows.count == 1 && rows[0].errors.allSatisfy(Self.isWholePayloadError)
            guard failedWhole || rows.count >= incidents.count || everyKeyed else {
                return .stillQuarantined(errors: [
                    "\(rows.count) of the \(incidents.count) items of this payload were quarantined; the others were stored "
                        + "when it arrived, and without a dedup key a replay would store them again: give the mapper a "
                        + "'dedup:' and replay"
                ])
            }
            guard let receipt = try await commit(incidents, instance: runtime.name, replacing: rows) else {
                return .resolvedMeanwhile
            }
            return .replayed(rows.map { _ in receipt.results }, counted: receipt.results)
        }
        // Without for_each each row is a payload of its own (an array body can repeat one).
        guard
            let receipt = try await commit(
                Array(repeating: incidents, count: rows.count).flatMap { $0 }, instance: runtime.name, replacing: rows)
        else { return .resolvedMeanwhile }
        let perRow = incidents.count
        return .replayed(
            rows.indices.map { Array(receipt.results.dropFirst($0 * perRow).prefix(perRow)) }, counted: receipt.results)
    }

    /// Commits the incidents and resolves `rows` in one transaction; nil when another replay
    /// resolved the rows first (nothing was stored then).
    private func commit(_ items: [IngestItem], instance: String, replacing rows: [QuarantinedPayload]) async throws -> IngestReceipt? {
        do {
            return try await service.store.commit(
                IngestBatch(instance: instance, received: service.now(), items: items, replaces: rows.map(\.id)))
        } catch let error as StoreError where error.isAlreadyResolved {
            return nil
        }
    }

    /// Errors of a payload quarantined as a whole (S11, S110): nothing of it was stored.
    static func isWholePayloadError(_ error: String) -> Bool {
        error.hasPrefix("for_each:") || error.hasPrefix("prepare:") || error.hasPrefix("when:")
    }
}

extension QuarantineQuery {
    /// The page size a replay reads the quarantine with: the largest the store allows.
    static let pageLimit = IncidentQuery.maximumLimit
}

extension HTTPHeader {
    /// Headers kept with a stored payload (a JSON object of lower-cased name to value), as the
    /// mapping engine's `header` steps read them.
    static func list(storedJSON text: String) -> [HTTPHeader] {
        guard case .object(let object)? = try? JSON.parse(text) else { return [] }
        return object.members.compactMap { member in
            member.value.stringValue.map { HTTPHeader(name: member.key, value: $0) }
        }
    }
}
