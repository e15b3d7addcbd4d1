import Metrics
import Transforms

extension IntakeMetrics {
    /// Counts one ingestion request by instance and HTTP status (`intake_requests_total`).
    static func countRequest(instance: String, status: Int) {
        Counter(label: Name.requests, dimensions: [("instance", instance), ("status", String(status))], factory: factory)
            .increment()
    }

    /// Counts a replayed signature answered as a duplicate (`intake_signature_replays_total`).
    static func countSignatureReplay(instance: String) {
        Counter(label: Name.signatureReplays, dimensions: [("instance", instance)], factory: factory).increment()
    }

    /// Counts what a commit made of a request's items: incidents by type and status
    /// (`created`, `duplicate`), and quarantined payloads.
    static func countResults(instance: String, _ receipt: IngestReceipt) {
        var incidents: [IncidentKey: Int] = [:]
        var quarantined = 0
        for result in receipt.results {
            switch result {
            case .created(let summary): incidents[IncidentKey(type: summary.type, status: "created"), default: 0] += 1
            case .duplicate(let summary): incidents[IncidentKey(type: summary.type, status: "duplicate"), default: 0] += 1
            case .quarantined: quarantined += 1
            }
        }
        for (key, count) in incidents {
            Counter(
                label: Name.incidents, dimensions: [("instance", instance), ("type", key.type), ("status", key.status)],
                factory: factory
            ).increment(by: count)
        }
        if quarantined > 0 {
            Counter(label: Name.quarantined, dimensions: [("instance", instance)], factory: factory).increment(by: quarantined)
        }
    }

    private struct IncidentKey: Hashable {
        var type: String
        var status: String
    }

    /// The timer of one instance's mapping, one observation per payload (`intake_mapping_seconds`).
    static func mappingTimer(instance: String) -> Timer {
        Timer(label: Name.mappingSeconds, dimensions: [("instance", instance)], factory: factory)
    }

    /// Records how long a durable commit took (`intake_commit_seconds`); requests that shared a
    /// group commit each record their own wait.
    static func recordCommit(_ duration: Duration) {
        Timer(label: Name.commitSeconds, factory: factory).record(duration: duration)
    }
}
