import Prometheus

extension IntakeMetrics {
    static let deliveries = Series(
        name: "intake_deliveries_total",
        help:
            "Delivery attempts of actions, by action and outcome (delivered; retrying: failed, tried again later; failed: parked after the last attempt)."
    )
    static let deliverySeconds = Series(
        name: "intake_delivery_seconds", help: "Time one delivery attempt took, by action, until the receiver answered or the attempt failed.")

    /// Delivery attempts take milliseconds to the action's timeout.
    static let deliveryBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30),
    ]

    /// Counts one attempt of `action` by what came of it, and records how long it took.
    static func recordDelivery(action: String, outcome: DeliveryAttemptOutcome, duration: Duration) {
        let label =
            switch outcome {
            case .delivered: "delivered"
            case .retry: "retrying"
            case .failed: "failed"
            }
        counter(deliveries, [("action", action), ("outcome", label)]).increment()
        histogram(deliverySeconds, [("action", action)], buckets: deliveryBuckets).record(duration)
    }
}
