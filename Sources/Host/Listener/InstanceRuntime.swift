import Crypto
import Transforms

/// One configured instance, ready to serve: its authenticator and compiled mapper chain.
///
/// Built once at start, so a request does no YAML work and a mapper mistake stops the start
/// instead of failing requests one by one.
struct InstanceRuntime: Sendable {
    var configuration: InstanceConfiguration
    var authenticator: Authenticator
    var chain: MappingChain
    /// SHA-256 (hex) of each chain mapper's file text, stored with every incident it makes so
    /// an incident names the exact rules that produced it (SPEC §8).
    var mapperHashes: [String: String]
    /// Header names never kept with a payload: the instance's credentials and signature.
    var secretHeaders: Set<String>
    /// The signatures accepted within the tolerance window, for an HMAC instance with a
    /// `timestamp_header` (SPEC §12); nil for every other instance.
    var signatureMemory: SignatureMemory?
    /// The last signature failures, metadata only, for an HMAC instance (SPEC §10).
    var signatureRefusals: SignatureRefusals?
    /// The instance's share of `limits.max_quarantine_bytes`.
    var quarantineBudget: QuarantineBudget
    /// The actions whose `when.instances` lets this instance's incidents trigger them, in
    /// configuration order (SPEC §13): part of the snapshot a request maps with, so a reload
    /// that changes `actions:` never splits one request between two lists.
    var actions: [ActionConfiguration]

    var name: String { configuration.name }

    /// - Parameter chain: the instance's chain, built by `IntakeEnvironment.chain(for:in:toleratesMissing:)`.
    init(
        _ configuration: InstanceConfiguration, chain: MappingChain, limits: LimitsConfiguration, actions: [ActionConfiguration] = []
    ) {
        self.configuration = configuration
        self.actions = actions.filter { $0.selection.instances?.contains(configuration.name) ?? true }
        self.authenticator = Authenticator(configuration.auth)
        self.chain = chain
        self.mapperHashes = Self.hashes(of: chain)
        self.secretHeaders = configuration.auth.secretHeaderNames
        self.quarantineBudget = QuarantineBudget(limit: limits.maxQuarantineBytes)
        if case .hmac(let hmac) = configuration.auth {
            signatureRefusals = SignatureRefusals()
            if hmac.hasTimestamp { signatureMemory = SignatureMemory(capacity: limits.maxRememberedSignatures) }
        }
    }

    /// This instance as a reload reconfigured it: the new chain, configuration and actions.
    ///
    /// The quarantine bytes carry over (they count what the store holds); so do the memory of
    /// signatures and refusals while the auth is unchanged. New auth starts with none, since
    /// the signatures it remembered were checked against the old secret.
    func reloaded(
        as configuration: InstanceConfiguration, chain: MappingChain, limits: LimitsConfiguration, actions: [ActionConfiguration]
    ) -> InstanceRuntime {
        guard configuration.auth == self.configuration.auth else {
            var fresh = InstanceRuntime(configuration, chain: chain, limits: limits, actions: actions)
            fresh.quarantineBudget = quarantineBudget
            return fresh
        }
        var copy = self
        copy.configuration = configuration
        copy.chain = chain
        copy.mapperHashes = Self.hashes(of: chain)
        copy.actions = actions.filter { $0.selection.instances?.contains(configuration.name) ?? true }
        return copy
    }

    private static func hashes(of chain: MappingChain) -> [String: String] {
        var hashes: [String: String] = [:]
        for mapper in chain.mappers {
            hashes[mapper.name] = SHA256.hash(data: Array(mapper.sourceText.utf8)).map { byte in
                let digits = Array("0123456789abcdef")
                return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
            }.joined()
        }
        return hashes
    }
}
