/// Collects what `--explain` shows: per step its input, output and details, nested for
/// `each`, `if` and `coalesce`.
///
/// A class because nested pipelines append to their parent step's record while the step runs;
/// one recorder serves one payload on one thread, hence `@unchecked Sendable`.
public final class TraceRecorder: @unchecked Sendable {
    private struct Frame {
        var record: JSONObject
        var children: [JSON] = []
    }

    private var frames: [Frame] = [Frame(record: JSONObject())]

    public init() {}

    func beginStep(name: String, argument: JSON?, input: JSON?) {
        var record = JSONObject()
        record["step"] = .string(name)
        if let argument { record["argument"] = argument }
        if let input { record["input"] = input }
        frames.append(Frame(record: record))
    }

    public func note(_ key: String, _ value: JSON) {
        frames[frames.count - 1].record[key] = value
    }

    func endStep(output: JSON?, error: String? = nil) {
        guard frames.count > 1 else { return }
        var frame = frames.removeLast()
        if !frame.children.isEmpty { frame.record["steps"] = .array(frame.children) }
        if let output { frame.record["output"] = output }
        if let error { frame.record["error"] = .string(error) }
        frames[frames.count - 1].children.append(.object(frame.record))
    }

    /// The steps recorded at top level since the last call, and a fresh start.
    public func takeSteps() -> [JSON] {
        let steps = frames[0].children
        frames = [Frame(record: JSONObject())]
        return steps
    }
}
