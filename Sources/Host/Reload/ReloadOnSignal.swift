import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the mappers on each `SIGHUP` until shutdown (SPEC §12 "Reload").
///
/// The signal sequence is made before the service group starts, so the handler is in place
/// by the time the listener says `listening`: a `SIGHUP` sent right after start reloads
/// rather than ending the process (the default action of `SIGHUP`).
struct ReloadOnSignal: Service {
    let signals: UnixSignalsSequence
    let reloader: Reloader

    func run() async throws {
        for await _ in signals.cancelOnGracefulShutdown() {
            _ = await reloader.reload(trigger: "SIGHUP")
        }
    }
}
