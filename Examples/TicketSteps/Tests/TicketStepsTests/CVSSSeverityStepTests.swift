import Testing
import TicketSteps
import Transforms

/// The package's step inside Intake's engine: a real mapper, compiled with a registry that
/// includes it, mapping real payloads.
struct CVSSSeverityStepTests {
    static let mapper = """
        mapper: advisories
        fields:
          name: $.title
          severity: [ { path: $.cvss }, cvss_severity, { default: 0 } ]

        """

    func map(_ payload: String) throws -> MappingOutcome.Result {
        let registry = try TicketSteps.registry()
        let node = try YAMLLoader.load(Self.mapper, file: "advisories.yaml")
        let mapper = try Mapper(node: node, file: "advisories.yaml", sourceText: Self.mapper, registry: registry)
        let chain = try MappingChain(mappers: [mapper], types: IncidentTypeCatalog(), defaultType: "Unclassified")
        let outcome = try #require(chain.map(try JSON.parse(payload), request: MappingRequest(receivedAt: Instant(millisecondsSinceEpoch: 0))).first)
        return outcome.result
    }

    @Test(
        "scores map to CVSS v3.1's severity bands",
        arguments: [
            ("9.8", 4), ("7.5", 3), ("\"6.9\"", 2), ("4", 2), ("0.1", 1), ("0", 0),
        ])
    func bands(score: String, severity: Int) throws {
        guard case .mapped(let incident) = try map(#"{"title": "CVE-2026-0001", "cvss": \#(score)}"#) else {
            Issue.record("not mapped")
            return
        }
        #expect(incident.severity == severity)
    }

    @Test("a score out of range or not a number quarantines the payload with the reason")
    func badScores() throws {
        guard case .quarantined(let errors) = try map(#"{"title": "x", "cvss": 11}"#) else {
            Issue.record("mapped an impossible score")
            return
        }
        #expect(errors.first?.contains("cvss_severity: 11.0 is outside the CVSS range 0–10") == true, "\(errors)")
        guard case .quarantined(let text) = try map(#"{"title": "x", "cvss": "high"}"#) else {
            Issue.record("mapped text")
            return
        }
        #expect(text.first?.contains("'high' is not a CVSS score") == true, "\(text)")
    }

    @Test("the registry lists the step as a Swift step with its version, and a built-in name cannot be taken")
    func registry() throws {
        let registry = try TicketSteps.registry()
        #expect(registry["cvss_severity"]?.origin == .swift(module: "TicketSteps"))
        #expect(registry["cvss_severity"]?.version == "1.0.0")
        #expect(registry["trim"]?.origin == .builtIn)
        #expect(throws: StepRegistryError.self) { try registry.adding(StepDefinition(CVSSSeverityStep.self)) }
        // Without the package's registry, the mapper does not compile: the step is unknown.
        let node = try YAMLLoader.load(Self.mapper, file: "advisories.yaml")
        #expect(throws: SourceErrors.self) { try Mapper(node: node, file: "advisories.yaml", sourceText: Self.mapper, registry: .builtIn) }
    }
}
