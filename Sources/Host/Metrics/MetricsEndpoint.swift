import Hummingbird
import Prometheus

/// `GET /metrics`: the registry in Prometheus text format, and the store's commit counters.
///
/// The store counts its own transactions (group commit decides how many requests share one),
/// so they are read from it at scrape time rather than mirrored on the hot path: exact, and
/// each listener shows its own store even when two share a process.
enum MetricsEndpoint {
    /// The Prometheus text exposition format's media type.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    static func addRoute(to router: Router<IntakeRequestContext>, store: any IncidentStore) {
        IntakeMetrics.bootstrap()
        router.get("/metrics") { _, _ in
            var buffer = ByteBuffer()
            buffer.writeString(text(IntakeMetrics.registry.emitToString(), store: await store.statistics()))
            return Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: buffer))
        }
    }

    /// The registry's text followed by the store's counters.
    static func text(_ registryText: String, store statistics: StoreStatistics) -> String {
        var text = registryText
        let counters = [
            (IntakeMetrics.Name.storeTransactions, statistics.transactionsCommitted),
            (IntakeMetrics.Name.storeBatches, statistics.batchesCommitted),
            (IntakeMetrics.Name.storeGroupsRetried, statistics.groupsRetried),
            (IntakeMetrics.Name.storeBatchesFailed, statistics.batchesFailed),
        ]
        for (series, value) in counters {
            text += "# HELP \(series.name) \(series.help)\n# TYPE \(series.name) counter\n\(series.name) \(value)\n"
        }
        return text
    }
}
