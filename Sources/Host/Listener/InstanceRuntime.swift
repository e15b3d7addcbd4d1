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

    var name: String { configuration.name }

    /// - Parameter chain: the instance's chain, built by `IntakeEnvironment.chain(for:in:toleratesMissing:)`.
    init(_ configuration: InstanceConfiguration, chain: MappingChain, limits: LimitsConfiguration) {
        self.configuration = configuration
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

    /// The same instance mapping with `chain` (a reload): its auth and its memory of
    /// signatures, refusals and quarantine bytes carry over.
    func mapping(with chain: MappingChain) -> InstanceRuntime {
        var copy = self
        copy.chain = chain
        copy.mapperHashes = Self.hashes(of: chain)
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
