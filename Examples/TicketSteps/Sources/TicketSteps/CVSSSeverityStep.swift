import Transforms

/// `cvss_severity`: a CVSS v3 base score (`9.8`, `"7.5"`) → Intake's severity (SEMANTICS
/// S120: 1 low, 2 medium, 3 high, 4 critical; 0 for a score of 0, "none").
///
/// Scanners and advisories carry a score, tickets want a severity; the bands are CVSS v3.1's
/// own (0.1–3.9 low, 4.0–6.9 medium, 7.0–8.9 high, 9.0–10.0 critical). A score outside 0–10 or
/// text that is no number is a step error, so the payload is quarantined rather than filed at
/// the wrong severity.
public struct CVSSSeverityStep: Step {
    public static let name = "cvss_severity"
    public static let signature = StepSignature(
        argument: .none, input: .transform, summary: "CVSS v3 base score → severity 0–4")

    public init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {}

    public func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard let input else { return nil }
        let score: Double
        switch input {
        case .number(.int(let int)): score = Double(int)
        case .number(.double(let double)): score = double
        case .string(let text):
            guard let parsed = Double(text.trimmingWhitespace()) else {
                throw StepError("cvss_severity: '\(text.prefix(40))' is not a CVSS score")
            }
            score = parsed
        default:
            throw StepError("cvss_severity: expected a CVSS score (a number from 0 to 10), not \(input.kindName)")
        }
        guard (0...10).contains(score) else { throw StepError("cvss_severity: \(score) is outside the CVSS range 0–10") }
        context.note("score", .number(.double(score)))
        return .number(.int(Self.severity(score)))
    }

    static func severity(_ score: Double) -> Int {
        switch score {
        case 9...: 4
        case 7...: 3
        case 4...: 2
        case 0.1...: 1
        default: 0
        }
    }
}

/// The steps of this package, to add to a registry.
public enum TicketSteps {
    public static let definitions = [StepDefinition(CVSSSeverityStep.self, version: "1.0.0")]

    /// Intake's built-in steps plus this package's.
    public static func registry(base: StepRegistry = .builtIn) throws -> StepRegistry {
        try definitions.reduce(base) { try $0.adding($1) }
    }
}
