/// One named transformation of a pipeline: every built-in step and every plugin conforms.
///
/// A step is compiled once, when its mapper loads, from the YAML that names it; the compiled
/// value is then applied to many payloads without looking at YAML again. Compilation is where
/// a step checks its arguments, so a mistake is reported with `file:line:column` before the
/// first payload arrives.
public protocol Step: Sendable {
    /// The name a mapper uses for the step (`regex`, `lookup`, …).
    static var name: String { get }

    /// What the step accepts in YAML and how it treats an input with no value.
    static var signature: StepSignature { get }

    /// Compiles the step from its arguments.
    ///
    /// - Throws: a `SourceError` at the argument's mark that says what to write instead.
    init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError)

    /// Applies the step to the output of the step before it (`nil`: missing).
    ///
    /// - Throws: a `StepError` for what a payload can cause (a failed coercion, a strict
    ///   lookup miss, a regex over its limits); the payload is then quarantined.
    func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON?

    /// How the step's argument reads in a trace (`$.a.b`, `M/d/yyyy`); `nil` when it has none.
    var traceArgument: JSON? { get }

    /// What the step refers to that `intake check` reasons about: literals it can output,
    /// fields it reads by name, pipelines it runs. Empty when it has none.
    var references: [StepReference] { get }
}

extension Step {
    public var traceArgument: JSON? { nil }
    public var references: [StepReference] { [] }
}

/// The YAML shape of a step and its place in the "no value" rule (SEMANTICS S14, S15, S59).
public struct StepSignature: Sendable {
    /// Whether the step takes a main argument.
    public enum Argument: Sendable {
        /// `trim`: a bare word, or `trim:` with a null argument.
        case none
        /// `path: $.a`: the argument must be given.
        case required
        /// `date` or `date: epoch`.
        case optional
    }

    /// What the runner does before calling `apply` (S15, S59).
    public enum InputPolicy: Sendable {
        /// A source ignores its input (`path`, `value`, `template`, …).
        case source
        /// An input with no value gives missing without calling the step.
        case transform
        /// The step decides (`default`, `count`, `required`, `coalesce`, `if`, `lookup`).
        case custom
    }

    public var argument: Argument
    /// The name of the main argument inside an options map (`format` for `date`), if the step
    /// has sibling options (S14).
    public var mainOption: String?
    /// The sibling option keys (S14), e.g. `timezone` for `date`.
    public var options: [String]
    public var input: InputPolicy
    /// One line for `--help`, the docs and the editor schema.
    public var summary: String

    public init(
        argument: Argument, mainOption: String? = nil, options: [String] = [], input: InputPolicy,
        summary: String
    ) {
        self.argument = argument
        self.mainOption = mainOption
        self.options = options
        self.input = input
        self.summary = summary
    }
}
