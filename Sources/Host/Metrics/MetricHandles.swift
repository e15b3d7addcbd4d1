import Prometheus
import Synchronization

/// The counters and histograms already made, by series and label values.
///
/// `PrometheusCollectorRegistry` validates the name, the labels and the help text each time it
/// is asked for a metric; on the ingestion path, where every request asks for several, that
/// cost more than the increments themselves (about 2.5 % of a request's CPU in a perf profile
/// of `scripts/bench-http.sh`). A metric never changes once made, so each is asked for once and
/// kept here. The label values come from configured names (instances, types, mappers, fields)
/// or from fixed sets (statuses), so the table stays as small as the registry itself.
final class MetricHandles: Sendable {
    private struct Key: Hashable {
        var name: String
        var labels: [String]

        init(name: String, labels: [(String, String)]) {
            self.name = name
            self.labels = labels.flatMap { [$0.0, $0.1] }
        }
    }

    private let counters = Mutex<[Key: Prometheus.Counter]>([:])
    private let histograms = Mutex<[Key: DurationHistogram]>([:])

    /// The counter named `name` with `labels`, made by `make` the first time.
    func counter(_ name: String, _ labels: [(String, String)], make: () -> Prometheus.Counter) -> Prometheus.Counter {
        Self.handle(in: counters, Key(name: name, labels: labels), make: make)
    }

    /// The histogram named `name` with `labels`, made by `make` the first time.
    func histogram(_ name: String, _ labels: [(String, String)], make: () -> DurationHistogram) -> DurationHistogram {
        Self.handle(in: histograms, Key(name: name, labels: labels), make: make)
    }

    private static func handle<Metric>(in table: borrowing Mutex<[Key: Metric]>, _ key: Key, make: () -> Metric) -> Metric {
        table.withLock { handles in
            if let handle = handles[key] { return handle }
            let handle = make()
            handles[key] = handle
            return handle
        }
    }
}
