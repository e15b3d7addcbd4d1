import Metrics
import Prometheus

/// The listener's metrics (SPEC §4 `/metrics`, §10 per-rule health): swift-metrics
/// instruments over one Prometheus registry per process.
///
/// Intake's own instruments are made with `factory` explicitly, so they land in `registry`
/// whatever else the process does; `bootstrap()` also makes it the process-wide
/// swift-metrics backend, so libraries that report through swift-metrics appear on
/// `/metrics` too. The registry is process-wide because swift-metrics is: two listeners in one
/// process (as in the tests) share it, and their series differ by their `instance` label.
public enum IntakeMetrics {
    /// Every series `/metrics` shows (besides the store's counters, read at scrape time).
    public static let registry = PrometheusCollectorRegistry()

    /// The factory over `registry`, with histogram buckets sized for what they measure:
    /// mapping a payload takes microseconds, a durable commit milliseconds.
    static let factory: PrometheusMetricsFactory = {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [
            Name.mappingSeconds: [
                .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
                .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(100), .seconds(1),
            ],
            Name.commitSeconds: [
                .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
            ],
        ]
        return factory
    }()

    /// Runs once, on first use: `MetricsSystem.bootstrap` may be called only once per process.
    private static let bootstrapped: Void = MetricsSystem.bootstrap(factory)

    /// Makes `registry` the process's swift-metrics backend; later calls do nothing.
    ///
    /// Call it before any other code bootstraps swift-metrics (which would then trap): the
    /// listener does when it builds its routes.
    public static func bootstrap() {
        _ = bootstrapped
    }

    /// The series names.
    enum Name {
        static let requests = "intake_requests_total"
        static let incidents = "intake_incidents_total"
        static let quarantined = "intake_quarantined_total"
        static let mappingSeconds = "intake_mapping_seconds"
        static let commitSeconds = "intake_commit_seconds"
        static let fieldResults = "intake_field_results_total"
        static let signatureReplays = "intake_signature_replays_total"
        static let storeTransactions = "intake_store_transactions_total"
        static let storeBatches = "intake_store_batches_total"
        static let storeGroupsRetried = "intake_store_groups_retried_total"
        static let storeBatchesFailed = "intake_store_batches_failed_total"
    }

    /// The `instance` label of a request to a name no instance has: a fixed value, so a
    /// scanner trying names cannot grow the number of series.
    static let unknownInstance = "<unknown>"
}
