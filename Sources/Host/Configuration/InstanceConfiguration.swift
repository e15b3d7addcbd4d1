import Transforms

/// One named ingestion endpoint (an element of `instances:`).
///
/// Each instance has its own authentication, default incident type, samples and mapper
/// chain, and may also listen on a port of its own (SPEC §1, §3).
package struct InstanceConfiguration: Sendable, Equatable {
    /// The name in `/instance/execute/{name}`: `[A-Za-z0-9_-]+`, unique.
    package var name: String
    /// The incident type when no mapper selects one. Default: `Unclassified`.
    package var incidentType: String = "Unclassified"
    /// How a request proves it may post here. Required: an instance without `auth` does not
    /// start, so forgetting it can never leave an endpoint open.
    package var auth: AuthConfiguration
    /// Lets `auth: none` run on a non-loopback listener. Default: false.
    package var allowUnauthenticated: Bool = false
    /// Keep each received payload (with its kept headers) as a sample for dry-runs.
    /// Default: false.
    package var storeSamples: Bool = false
    /// How many samples to keep; older ones are deleted as new ones arrive. Default: 20.
    package var samplesKept: Int = 20
    /// The mapper chain, tried in order. Default: none (every payload takes the default
    /// mapping).
    package var mappers: [String] = []
    /// What a payload that cannot be mapped does. Default: `quarantine`.
    package var onMappingError: MappingErrorPolicy = .quarantine
    /// What a payload no mapper of the chain takes does (SPEC §12). Default: `default`.
    package var onUnmatched: UnmatchedPayloadPolicy = .defaultMapping
    /// A port of its own where `POST /` reaches this instance. Default: none.
    package var port: Int?

    package init(name: String, auth: AuthConfiguration) {
        self.name = name
        self.auth = auth
    }
}

/// What happens to a request whose payload cannot be mapped.
package enum MappingErrorPolicy: String, Sendable, Equatable, CaseIterable {
    /// Keep the payload in quarantine with its errors and answer `200` with status
    /// `quarantined`: nothing a sender sent is lost.
    case quarantine
    /// Refuse the whole request with `422`; nothing of it is stored, so the sender retries or
    /// alerts.
    case reject
}

/// What happens to a payload no mapper of the instance's chain takes (`on_unmatched`).
package enum UnmatchedPayloadPolicy: String, Sendable, Equatable, CaseIterable {
    /// The reference product's default mapping (SPEC §4): an incident of the instance's type.
    case defaultMapping = "default"
    /// Keep the payload in quarantine with the error `no mapper matched`; answer `200` with
    /// status `quarantined`.
    case quarantine
    /// Refuse the whole request with `422`; nothing of it is stored.
    case reject

    /// The engine's policy: a rejected payload is quarantined by the chain and the listener
    /// refuses the request that holds it.
    var chainPolicy: UnmatchedPolicy { self == .defaultMapping ? .defaultMapping : .quarantine }
}
