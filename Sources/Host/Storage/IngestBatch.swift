import Transforms

/// Everything one HTTP request produced: what `IncidentStore.commit` makes durable at once.
///
/// One request is one unit of acknowledgement: either all of it is committed and the sender
/// gets its `200`, or none of it is and the sender gets a `503`.
package struct IngestBatch: Sendable {
    /// The instance the request came to; every row of the batch belongs to it.
    package var instance: String
    /// When the request arrived: the `created` time of its incidents and the `received`
    /// time of its quarantined payloads.
    package var received: Instant
    /// Raw payloads to keep as samples (one per payload), oldest first.
    package var samples: [NewSample]
    /// The incidents and quarantined payloads, in response order.
    package var items: [IngestItem]
    /// How many samples the instance keeps (its ring size); older ones are deleted in the same
    /// transaction. 0 stores no sample and leaves existing ones alone.
    package var samplesKept: Int
    /// Quarantined payloads (`q17`) this batch replays: resolved in the same transaction, and
    /// the whole batch is refused (`StoreError.isAlreadyResolved`) when any of them is no longer
    /// open. Two replays of one entry at once (two operators, two listeners) therefore store
    /// its incidents once.
    package var replaces: [String]

    package init(
        instance: String, received: Instant, samples: [NewSample] = [], items: [IngestItem], samplesKept: Int = 0,
        replaces: [String] = []
    ) {
        self.instance = instance
        self.received = received
        self.samples = samples
        self.items = items
        self.samplesKept = samplesKept
        self.replaces = replaces
    }
}

extension IngestBatch {
    /// The payload bytes the batch would add to the open quarantine.
    var quarantinedBytes: Int {
        items.reduce(0) { total, item in
            if case .quarantine(let payload) = item { total + payload.payloadText.utf8.count } else { total }
        }
    }
}
