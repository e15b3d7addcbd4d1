import Transforms

/// What one payload's replay gave.
enum ReplayResult {
    /// Committed: per row, the incidents of its payload (`created` or `duplicate`); and
    /// every result once, for the counts.
    case replayed([[IngestResult]], counted: [IngestResult])
    /// Still failing: today's errors; the rows stay open.
    case stillQuarantined(errors: [String])
    /// Another replay resolved the rows while this one mapped them: nothing was stored.
    case resolvedMeanwhile
}

/// The answer of a replay: `{"replayed", "created", "duplicate", "still_quarantined",
/// "not_found", "results"}`.
package struct ReplaySummary: Sendable {
    /// Quarantine rows replayed (found and open).
    package var replayed = 0
    /// Incidents created.
    package var created = 0
    /// Incidents already stored under the same dedup key.
    package var duplicate = 0
    /// Rows that still fail and stay open.
    package var stillQuarantined = 0
    /// Requested ids that are not open quarantine rows (unknown, or already resolved).
    package var notFound: [String] = []
    /// Per row: `{"id", "status": "resolved", "incidents": [...]}` or
    /// `{"id", "status": "quarantined", "errors": [...]}`.
    package var results: [JSON] = []

    mutating func add(_ result: ReplayResult, rows: [QuarantinedPayload]) {
        if case .resolvedMeanwhile = result {
            // As if it had been resolved before this replay listed it: not open any more.
            return
        }
        replayed += rows.count
        switch result {
        case .resolvedMeanwhile:
            break
        case .replayed(let perRow, let counted):
            for result in counted {
                switch result {
                case .created: created += 1
                case .duplicate: duplicate += 1
                case .quarantined: break  // a replay commits incidents only
                }
            }
            for (row, incidents) in zip(rows, perRow) {
                results.append(["id": .string(row.id), "status": "resolved", "incidents": .array(incidents.compactMap(\.replayJSON))])
            }
        case .stillQuarantined(let errors):
            stillQuarantined += rows.count
            for row in rows {
                results.append(["id": .string(row.id), "status": "quarantined", "errors": .array(errors.map(JSON.string))])
            }
        }
    }

    /// Whether everything asked for is now an incident (`intake replay` exits 0).
    package var isComplete: Bool { stillQuarantined == 0 && notFound.isEmpty }

    /// The summary as printed by `intake replay` and answered by the admin API.
    package var json: JSON {
        [
            "replayed": .number(.int(replayed)),
            "created": .number(.int(created)),
            "duplicate": .number(.int(duplicate)),
            "still_quarantined": .number(.int(stillQuarantined)),
            "not_found": .array(notFound.map(JSON.string)),
            "results": .array(results),
        ]
    }
}

extension IngestResult {
    /// A committed incident as a replay lists it: the response element of SPEC §4.
    var replayJSON: JSON? {
        switch self {
        case .created(let summary): summary.responseJSON(status: "created")
        case .duplicate(let summary): summary.responseJSON(status: "duplicate")
        case .quarantined: nil
        }
    }
}
