import Prometheus

extension IntakeMetrics.Name {
    static let reloads = IntakeMetrics.Series(
        name: "intake_reloads_total", help: "Mapper reloads (SIGHUP, POST /api/reload, --watch), by result: reloaded or failed.")
    static let mappersGeneration = IntakeMetrics.Series(
        name: "intake_mappers_generation", help: "The generation of mappers in force: 1 at start, one more per successful reload.")
    static let reloadFailing = IntakeMetrics.Series(
        name: "intake_reload_failing",
        help: "1 when the last reload failed and older mappers are still in force (fix the files and reload), else 0.")
}

extension IntakeMetrics {
    /// Records a reload's result; alert on `intake_reload_failing == 1`.
    static func recordReload(succeeded: Bool, generation: Int) {
        counter(Name.reloads, [("result", succeeded ? "reloaded" : "failed")]).increment()
        registry.makeGauge(descriptor: Name.mappersGeneration.descriptor).set(Int64(generation))
        registry.makeGauge(descriptor: Name.reloadFailing.descriptor).set(Int64(succeeded ? 0 : 1))
    }
}
