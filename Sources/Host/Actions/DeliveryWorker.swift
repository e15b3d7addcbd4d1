import AsyncHTTPClient
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle
import Transforms

/// Sends the outbox's pending deliveries (SPEC §13): one lane per action, each with at most
/// `concurrency` attempts in flight.
///
/// Each lane claims due deliveries from the store under a lease, so workers of several
/// processes on one database never send a delivery twice at once, and a delivery whose worker
/// died is claimed again once its lease has passed. Delivery is therefore at least once: a
/// crash between the receiver's answer and the store's record of it sends it again, with the
/// same delivery id. On shutdown no new attempt starts and the ones in flight finish (each
/// bounded by its action's timeout) before the store closes.
///
/// The actions are read again at every poll, so a reload (SPEC §12) takes effect without a
/// restart: a new action gets a lane; a changed one finishes its attempts in flight and goes
/// on with its new settings; a removed one stops claiming, and its pending deliveries wait in
/// the outbox (listed by `intake actions list`) until an action of that name is configured again.
struct DeliveryWorker: Service {
    /// The actions in force now.
    let actions: @Sendable () -> [ActionConfiguration]
    let store: any IncidentStore
    let logger: Logger
    /// How often a lane looks for due deliveries when it has room, and the worker for new actions.
    var pollInterval: Duration = .milliseconds(250)
    var now: @Sendable () -> Instant = IngestionService.currentInstant

    /// How long past an attempt's timeout its lease lasts: time to record the outcome.
    static let leaseMargin: Int64 = 5_000

    func run() async throws {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.decompression = .disabled
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let stopping = NIOLockedValueBox(false)
        let lanes = NIOLockedValueBox(Set<String>())
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                while !stopping.withLockedValue({ $0 }), !Task.isCancelled {
                    for action in actions() where lanes.withLockedValue({ $0.insert(action.name).inserted }) {
                        group.addTask {
                            await lane(action.name, client: client, stopping: stopping)
                            lanes.withLockedValue { _ = $0.remove(action.name) }
                        }
                    }
                    try? await Task.sleep(for: pollInterval)
                }
            }
        } onGracefulShutdown: {
            stopping.withLockedValue { $0 = true }
        }
        try? await client.shutdown()
    }

    /// Claims and sends the deliveries of the action called `name` until shutdown or until the
    /// action is no longer configured; a changed action's attempts in flight finish before
    /// the lane goes on with its new settings.
    private func lane(_ name: String, client: HTTPClient, stopping: NIOLockedValueBox<Bool>) async {
        while !stopping.withLockedValue({ $0 }), !Task.isCancelled, let action = actions().first(where: { $0.name == name }) {
            await claimAndSend(action, client: client) {
                stopping.withLockedValue { $0 } || actions().first { $0.name == name } != action
            }
        }
    }

    /// Claims and sends `action`'s deliveries until `ends()`, then waits for the attempts in flight.
    private func claimAndSend(_ action: ActionConfiguration, client: HTTPClient, until ends: @escaping @Sendable () -> Bool) async {
        let inFlight = NIOLockedValueBox(0)
        let attempt = DeliveryAttempt(action: action, client: client)
        // Woken when an attempt ends (its slot is free again) and at every poll interval (new
        // deliveries, a reload, shutdown): a lane whose slots are all taken claims the next
        // delivery as soon as one frees up, not at the next poll, so a backlog drains at the
        // destination's pace rather than `concurrency` deliveries per poll interval.
        let (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        var nextWakeup = wakeups.makeAsyncIterator()
        await withDiscardingTaskGroup { group in
            group.addTask {
                while !ends(), !Task.isCancelled {
                    try? await Task.sleep(for: pollInterval)
                    wake.yield()
                }
            }
            while !ends(), !Task.isCancelled {
                let room = action.concurrency - inFlight.withLockedValue { $0 }
                if room > 0 {
                    let time = now()
                    let lease = Instant(
                        millisecondsSinceEpoch: time.millisecondsSinceEpoch + Int64(action.timeoutSeconds) * 1000 + Self.leaseMargin)
                    do {
                        let claimed = try await store.claimDeliveries(action: action.name, limit: room, now: time, leaseUntil: lease)
                        for delivery in claimed {
                            inFlight.withLockedValue { $0 += 1 }
                            group.addTask {
                                await send(delivery, with: attempt)
                                inFlight.withLockedValue { $0 -= 1 }
                                wake.yield()
                            }
                        }
                        if claimed.count == room { continue }
                    } catch {
                        logger.error("cannot claim deliveries", metadata: ["action": "\(action.name)", "error": "\(error)"])
                    }
                }
                await nextWakeup.next()
            }
        }
        wake.finish()
    }

    /// One attempt, recorded in the store and the metrics.
    private func send(_ delivery: Delivery, with attempt: DeliveryAttempt) async {
        let action = attempt.action
        let metadata: Logger.Metadata = ["action": "\(action.name)", "delivery": "\(delivery.id)", "incident": "\(delivery.incident)"]
        let started = ContinuousClock.now
        let result: DeliveryAttempt.Result
        do {
            guard let incident = try await store.incident(id: delivery.incident) else {
                await finish(
                    delivery, .failed(result: "incident \(delivery.incident) not found"), action: action, started: started, metadata: metadata)
                return
            }
            result = await attempt.send(delivery, incident: incident, now: now())
        } catch {
            logger.error("cannot read the incident of a delivery; it is tried again after its lease", metadata: metadata)
            return
        }
        let attempts = delivery.attempts + 1
        let outcome: DeliveryAttemptOutcome
        if result.succeeded {
            outcome = .delivered(result: result.description)
        } else if attempts >= action.retry.attempts {
            outcome = .failed(result: result.description)
        } else {
            let delay = action.retry.delayMilliseconds(afterAttempt: attempts, retryAfter: result.retryAfter, unit: Double.random(in: 0..<1))
            outcome = .retry(result: result.description, next: Instant(millisecondsSinceEpoch: now().millisecondsSinceEpoch + delay))
        }
        await finish(delivery, outcome, action: action, started: started, metadata: metadata)
    }

    private func finish(
        _ delivery: Delivery, _ outcome: DeliveryAttemptOutcome, action: ActionConfiguration, started: ContinuousClock.Instant,
        metadata: Logger.Metadata
    ) async {
        IntakeMetrics.recordDelivery(action: action.name, outcome: outcome, duration: ContinuousClock.now - started)
        switch outcome {
        case .delivered(let result): logger.info("delivered", metadata: metadata.merging(["result": "\(result)"]) { $1 })
        case .retry(let result, let next):
            logger.notice(
                "delivery failed; tried again later", metadata: metadata.merging(["result": "\(result)", "next": "\(next.rfc3339)"]) { $1 })
        case .failed(let result):
            logger.warning("delivery failed for the last time; parked", metadata: metadata.merging(["result": "\(result)"]) { $1 })
        }
        do {
            try await store.finishAttempt(delivery: delivery.id, outcome: outcome, at: now())
        } catch {
            logger.error(
                "cannot record a delivery attempt; it is sent again after its lease", metadata: metadata.merging(["error": "\(error)"]) { $1 })
        }
    }
}
