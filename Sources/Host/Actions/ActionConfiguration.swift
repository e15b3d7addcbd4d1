import Transforms

/// One entry of `actions:` (SPEC §13): which incidents it follows and the HTTP request it
/// sends for each of them.
///
/// Values that came from `${NAME}` are kept twice, substituted for sending and as written for
/// showing (`intake dry-run`, logs), so a secret never reaches a terminal or a log line.
package struct ActionConfiguration: Sendable, Equatable {
    /// `[A-Za-z0-9_-]+`, unique: the destination's name in metrics, listings and logs.
    package var name: String
    package var selection: ActionSelection
    package var request: ActionRequestTemplate
    /// `sign:`; nil sends the request unsigned.
    package var signing: StandardWebhookSigner?
    package var retry: RetryPolicy
    /// Most deliveries of this action in flight at once, across its incidents. Default: 4.
    package var concurrency: Int
    /// Seconds one attempt may take, connecting included, before it counts as failed. Default: 10.
    package var timeoutSeconds: Int

    package init(
        name: String, selection: ActionSelection = ActionSelection(), request: ActionRequestTemplate,
        signing: StandardWebhookSigner? = nil, retry: RetryPolicy = RetryPolicy(), concurrency: Int = 4, timeoutSeconds: Int = 10
    ) {
        self.name = name
        self.selection = selection
        self.request = request
        self.signing = signing
        self.retry = retry
        self.concurrency = concurrency
        self.timeoutSeconds = timeoutSeconds
    }
}

/// `when:`: the incidents an action follows. Every condition given must hold.
package struct ActionSelection: Sendable, Equatable {
    /// `types:`; nil follows every type.
    package var types: Set<String>?
    /// `min_severity:` (0 unknown … 4 critical); 0 follows every severity.
    package var minimumSeverity: Int
    /// `instances:`; nil follows every instance.
    package var instances: Set<String>?
    /// Where `types:` is written, for `intake check`'s message about a type no file declares.
    package var typesMark: SourceMark?

    package init(types: Set<String>? = nil, minimumSeverity: Int = 0, instances: Set<String>? = nil) {
        self.types = types
        self.minimumSeverity = minimumSeverity
        self.instances = instances
    }

    /// Whether an incident of `type` and `severity`, from `instance`, triggers the action.
    package func selects(type: String, severity: Int, instance: String) -> Bool {
        (types?.contains(type) ?? true) && severity >= minimumSeverity && (instances?.contains(instance) ?? true)
    }
}
