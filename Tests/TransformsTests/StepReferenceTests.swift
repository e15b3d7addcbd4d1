import Testing

@testable import Transforms

/// What compiled steps tell `intake check` about themselves (`Step.references`), read through
/// `Pipeline.literals` and `Pipeline.fieldsRead`: the same compiled values the engine runs.
@Suite struct StepReferenceTests {
    static func literals(_ pipeline: Pipeline) -> [String] {
        pipeline.literals.map { "\($0.value.text) @\($0.mark.line):\($0.mark.column)" }
    }

    static func fields(_ pipeline: Pipeline) -> [String] {
        pipeline.fieldsRead.map { "\($0.name) @\($0.mark.line):\($0.mark.column)" }
    }

    /// Each entry a key can select, then `default`; an entry shadowed by an earlier key that
    /// folds alike under `ignore_case` can never be output, so it is not listed.
    @Test func aLookupListsTheValuesItsKeysCanSelectAndItsDefault() throws {
        let pipeline = try StepHarness.compile(
            """
            - $.kind
            - lookup:
                table:
                  phish: Phishing
                  PHISH: Shadowed
                  lost: Lost Device
                ignore_case: true
                default: Unclassified
            """
        )
        #expect(Self.literals(pipeline) == ["Phishing @4:14", "Lost Device @6:13", "Unclassified @8:14"])
        #expect(pipeline.fieldsRead.isEmpty)
    }

    /// S40: a `table` key whose value is not a map makes a plain table, to the engine and so
    /// to the check alike: `table` is one of its keys, and its value a possible output.
    @Test func aTableKeyThatIsNotAMapIsAnEntryAsTheEngineRunsIt() throws {
        let yaml = "[ $.kind, { lookup: { table: Phishing, lost: Lost Device } } ]"
        #expect(Self.literals(try StepHarness.compile(yaml)) == ["Phishing @1:30", "Lost Device @1:46"])
        #expect(try StepHarness.run(yaml, payload: ["kind": "table"]) == "Phishing")
    }

    /// Literals and field reads inside `coalesce`, `each` and `if` count; the operand of a
    /// condition is a test, not an output.
    @Test func nestedPipelinesAnswerTooButConditionsAreNotOutputs() throws {
        let pipeline = try StepHarness.compile(
            """
            - coalesce:
                - [ { value: Constant } ]
                - [ $.list, { each: [ { template: "{{ reporter }} saw {{ type }} at {{ $.where }}" } ] } ]
            - if:
                when: { equals: skip }
                then: [ { field: summary } ]
                else: [ { default: Fallback } ]
            """
        )
        #expect(Self.literals(pipeline) == ["Constant @2:18", "Fallback @7:24"])
        #expect(Self.fields(pipeline) == ["reporter @3:39", "summary @6:22"])
    }

    @Test func aStepWithNothingToSayHasNoReferences() throws {
        let pipeline = try StepHarness.compile("[ $.a, trim, { regex: '(\\\\d+)' }, { date: epoch } ]")
        #expect(pipeline.literals.isEmpty)
        #expect(pipeline.fieldsRead.isEmpty)
    }

    /// A step from outside the engine answers for itself, as a Swift step package's would.
    @Test func aStepFromAPackageAnswersForItself() throws {
        let registry = try StepRegistry.builtIn.adding(StepDefinition(BandStep.self))
        let pipeline = try StepHarness.compile("[ $.score, band ]", registry: registry)
        #expect(Self.literals(pipeline) == ["Low @1:12", "High @1:12"])
    }
}

/// `band`: a score to `Low` or `High`, two literals it declares as its possible outputs.
private struct BandStep: Step {
    static let name = "band"
    static let signature = StepSignature(argument: .none, input: .transform, summary: "test step")
    let mark: SourceMark

    init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        mark = arguments.mark
    }

    func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        guard case .number(let score)? = input else { return nil }
        return score.doubleValue < 5 ? "Low" : "High"
    }

    var references: [StepReference] { [.literal("Low", at: mark), .literal("High", at: mark)] }
}
