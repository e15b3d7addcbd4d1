import Metrics
import Prometheus

/// The listener's metrics (SPEC §4 `/metrics`, §10 per-rule health), on one Prometheus
/// registry per process.
///
/// Intake's own series are made on `registry` directly, each with its `# HELP` text (the
/// swift-metrics API has no place for help, and `promtool` rejects a family without it).
/// `bootstrap()` also makes the registry the process-wide swift-metrics backend, so libraries
/// that report through swift-metrics appear on `/metrics` too. The registry is process-wide
/// because swift-metrics is: two listeners in one process (as in the tests) share it, and
/// their series differ by their `instance` label.
package enum IntakeMetrics {
    /// Every series `/metrics` shows (besides the store's counters, read at scrape time).
    package static let registry = PrometheusCollectorRegistry()

    /// Runs once, on first use: `MetricsSystem.bootstrap` may be called only once per process.
    private static let bootstrapped: Void = MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

    /// Makes `registry` the process's swift-metrics backend; later calls do nothing.
    ///
    /// Call it before any other code bootstraps swift-metrics (which would then trap): the
    /// listener does when it builds its routes.
    package static func bootstrap() {
        _ = bootstrapped
    }

    /// A metric family: its name and the `# HELP` text `/metrics` prints for it.
    struct Series: Sendable {
        var name: String
        var help: String

        /// The registry's description of the series. Each name already ends in its unit
        /// (`_total`, `_seconds`) as Prometheus naming asks, so the unit part stays empty and
        /// the exported name is exactly `name`.
        var descriptor: MetricNameDescriptor {
            MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
        }
    }

    /// The series.
    enum Name {
        static let requests = Series(
            name: "intake_requests_total", help: "Ingestion requests answered, by instance and HTTP status (405 and 429 included).")
        static let incidents = Series(
            name: "intake_incidents_total", help: "Incidents committed, by instance, type and status (created or duplicate).")
        static let quarantined = Series(name: "intake_quarantined_total", help: "Payloads committed to the quarantine, by instance.")
        static let unmatched = Series(
            name: "intake_unmatched_total",
            help: "Payloads no mapper of the instance's chain matched, by instance, whatever on_unmatched did with them.")
        static let quarantineRefused = Series(
            name: "intake_quarantine_refused_total",
            help: "Requests answered 429 because the instance's quarantine is at limits.max_quarantine_bytes.")
        static let mappingSeconds = Series(name: "intake_mapping_seconds", help: "Time to map one payload, by instance.")
        static let commitSeconds = Series(name: "intake_commit_seconds", help: "Time a request waited for its durable commit.")
        static let fieldResults = Series(
            name: "intake_field_results_total", help: "Fields mapped, missing or in error, by mapper and field (per-rule health).")
        static let signatureReplays = Series(
            name: "intake_signature_replays_total", help: "Replayed HMAC signatures answered as duplicates, by instance.")
        static let signatureRefusals = Series(
            name: "intake_signature_refusals_total", help: "Requests refused because their HMAC signature or timestamp did not verify, by instance.")
        static let logLinesSuppressed = Series(
            name: "intake_log_lines_suppressed_total", help: "Refusal log lines left out by the rate limit, by kind.")
        static let storeTransactions = Series(name: "intake_store_transactions_total", help: "Store transactions committed.")
        static let storeBatches = Series(name: "intake_store_batches_total", help: "Request batches committed by the store.")
        static let storeGroupsRetried = Series(
            name: "intake_store_groups_retried_total", help: "Group commits retried one batch at a time after a failure.")
        static let storeBatchesFailed = Series(name: "intake_store_batches_failed_total", help: "Request batches the store failed to commit.")
    }

    /// Mapping a payload takes microseconds.
    static let mappingBuckets: [Duration] = [
        .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
        .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(100), .seconds(1),
    ]

    /// A durable commit takes milliseconds.
    static let commitBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    /// The metrics already made (`MetricHandles` says why they are kept).
    private static let handles = MetricHandles()

    /// The counter of `series` with `labels`, made on first use.
    static func counter(_ series: Series, _ labels: [(String, String)] = []) -> Prometheus.Counter {
        handles.counter(series.name, labels) { registry.makeCounter(descriptor: series.descriptor, labels: labels) }
    }

    /// The duration histogram of `series` with `labels` and `buckets`, made on first use.
    static func histogram(_ series: Series, _ labels: [(String, String)] = [], buckets: [Duration]) -> DurationHistogram {
        handles.histogram(series.name, labels) {
            registry.makeDurationHistogram(descriptor: series.descriptor, labels: labels, buckets: buckets)
        }
    }

    /// The `instance` label of a request to a name no instance has: a fixed value, so a
    /// scanner trying names cannot grow the number of series.
    static let unknownInstance = "<unknown>"
}
