/// The per-input time bound that turns a super-linear parser into a finding.
///
/// libFuzzer's own `-timeout` only catches an input that hangs; a parser that is quadratic
/// (issue 10's form decoder) still finishes a 64 KiB input in well under that. So each input
/// also gets a budget linear in its size — a fixed allowance plus a per-byte cost about a
/// hundred times what the parsers measure in this unoptimised, instrumented build — and an
/// input over it is reported with its size and time.
enum TimeBound {
    /// What any input may take regardless of size (process warm-up, a first regex compile).
    static let allowance = Duration.milliseconds(250)
    /// What each further byte may add.
    static let perByte = Duration.microseconds(20)

    static func check(_ size: Int, target: FuzzTarget, _ body: () -> Void) {
        let clock = ContinuousClock()
        let elapsed = clock.measure(body)
        let budget = allowance + perByte * size
        require(elapsed <= budget, "\(target.rawValue): an input of \(size) bytes took \(elapsed), over its linear budget of \(budget)")
    }
}
