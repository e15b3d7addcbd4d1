/// The mappers of one instance, tried in order, with the types they may select and the
/// instance's own type (SEMANTICS S11).
public struct MappingChain: Sendable {
    public var mappers: [Mapper]
    /// The declared types, the instance's type declared implicitly when absent (S9).
    public var types: IncidentTypeCatalog
    public var defaultType: String
    /// A payload no mapper takes: the default mapping, or quarantine (SPEC §12).
    public var onUnmatched: UnmatchedPolicy = .defaultMapping

    /// - Throws: a mapper whose constant `type:` names no declared type.
    public init(mappers: [Mapper], types: IncidentTypeCatalog, defaultType: String) throws(SourceErrors) {
        self.mappers = mappers
        self.types = types.declaringImplicitly(defaultType)
        self.defaultType = defaultType
        var errors: [SourceError] = []
        for mapper in mappers {
            if case .constant(let name, let mark) = mapper.type, !self.types.declares(name) {
                errors.append(
                    SourceError(
                        .invalidValue, "type: '\(name)' is not a declared incident type (declared: \(self.types.names.joined(separator: ", ")))",
                        at: mark))
            }
        }
        guard errors.isEmpty else { throw SourceErrors(errors) }
    }

    /// A chain of named mappers of a catalog; `nil` names take every mapper in load order.
    public init(catalog: MapperCatalog, mapperNames: [String]?, defaultType: String) throws(SourceErrors) {
        var chosen: [Mapper] = []
        for name in mapperNames ?? catalog.mappers.map(\.name) {
            guard let mapper = catalog.mapper(named: name) else {
                let known = catalog.mappers.map(\.name).joined(separator: ", ")
                throw SourceErrors([
                    SourceError(
                        .invalidValue, "no mapper named '\(name)' in \(catalog.directory) (mappers: \(known.isEmpty ? "none" : known))",
                        at: SourceMark(file: catalog.directory, line: 1, column: 1))
                ])
            }
            chosen.append(mapper)
        }
        try self.init(mappers: chosen, types: catalog.types, defaultType: defaultType)
    }

    /// Maps one payload: one outcome per incident, or one for a payload quarantined whole.
    public func map(_ payload: JSON, request: MappingRequest) -> [MappingOutcome] {
        for mapper in mappers {
            do {
                if try mapper.accepts(payload) {
                    return mapper.map(payload, chain: self, request: request)
                }
            } catch {
                return [
                    MappingOutcome(
                        result: .quarantined(errors: ["when: \(error.message)"]), mapper: mapper.identity,
                        trace: request.explain ? ["mapper": .string(mapper.name), "error": .string("when: \(error.message)")] : nil)
                ]
            }
        }
        return [unmatched(payload, request: request)]
    }
}

/// What the request contributes to mapping: its headers, when it arrived, whether to explain.
public struct MappingRequest: Sendable {
    public var headers: [HTTPHeader]
    /// The time received: `occurred` when no mapper maps it.
    public var receivedAt: Instant
    /// Record a trace of every step (dry-run `--explain`, and provenance in the store).
    public var explain: Bool

    public init(headers: [HTTPHeader] = [], receivedAt: Instant, explain: Bool = false) {
        self.headers = headers
        self.receivedAt = receivedAt
        self.explain = explain
    }
}
