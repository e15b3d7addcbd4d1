import Prometheus
import Transforms

extension IntakeMetrics {
    /// Counts one ingestion request by instance and HTTP status (`intake_requests_total`).
    static func countRequest(instance: String, status: Int) {
        counter(Name.requests, [("instance", instance), ("status", String(status))]).increment()
    }

    /// Counts a payload no mapper matched (`intake_unmatched_total`), counted when mapped,
    /// so a rejected request's payloads count too.
    static func countUnmatched(instance: String) {
        counter(Name.unmatched, [("instance", instance)]).increment()
    }

    /// Counts a replayed signature answered as a duplicate (`intake_signature_replays_total`).
    static func countSignatureReplay(instance: String) {
        counter(Name.signatureReplays, [("instance", instance)]).increment()
    }

    /// Counts a request whose signature did not verify (`intake_signature_refusals_total`).
    static func countSignatureRefusal(instance: String) {
        counter(Name.signatureRefusals, [("instance", instance)]).increment()
    }

    /// Counts a request refused because its instance's quarantine is full
    /// (`intake_quarantine_refused_total`).
    static func countQuarantineRefusal(instance: String) {
        counter(Name.quarantineRefused, [("instance", instance)]).increment()
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
            counter(Name.incidents, [("instance", instance), ("type", key.type), ("status", key.status)]).increment(by: Int64(count))
        }
        if quarantined > 0 {
            counter(Name.quarantined, [("instance", instance)]).increment(by: Int64(quarantined))
        }
    }

    private struct IncidentKey: Hashable {
        var type: String
        var status: String
    }

    /// The histogram of one instance's mapping, one observation per payload
    /// (`intake_mapping_seconds`).
    static func mappingHistogram(instance: String) -> DurationHistogram {
        histogram(Name.mappingSeconds, [("instance", instance)], buckets: mappingBuckets)
    }

    /// Records how long a durable commit took (`intake_commit_seconds`); requests that shared a
    /// group commit each record their own wait.
    static func recordCommit(_ duration: Duration) {
        histogram(Name.commitSeconds, buckets: commitBuckets).record(duration)
    }
}
