import Transforms

/// A compiled use of a WebAssembly plugin in a pipeline: the plugin and its checked argument.
///
/// Each call sends `{"input": …, "arguments": …, "payload": …}` and reads back
/// `{"output": …}`, `{}` (no value) or `{"error": "…"}` (docs/plugins.md). Whatever goes wrong
/// inside the plugin — a trap, the work bound, output that is not that shape — is a `StepError`
/// for this payload only.
struct WasmStep: Step {
    /// Plugin steps are made by `WasmPlugin.definition`, under the plugin's own name; this
    /// name only satisfies the protocol and is never registered.
    static let name = "wasm"
    static let signature = StepSignature(argument: .optional, input: .transform, summary: "a WebAssembly plugin step")

    let plugin: WasmPlugin
    let arguments: JSON

    init(arguments: StepArguments, compiler: PipelineCompiler) throws(SourceError) {
        throw arguments.error("'\(arguments.stepName)' is a WebAssembly step: load it from its .wasm file")
    }

    init(plugin: WasmPlugin, arguments: StepArguments) throws(SourceError) {
        self.plugin = plugin
        guard let schema = plugin.metadata.argumentSchema else {
            if let main = arguments.main {
                throw arguments.error("'\(plugin.metadata.name)' takes no argument: write it as a bare '- \(plugin.metadata.name)'", at: main)
            }
            self.arguments = .null
            return
        }
        let node =
            arguments.main
            ?? YAMLNode(
                content: schema.expectsObject ? .mapping([]) : .scalar(.null, text: "", quoted: false), mark: arguments.mark)
        if let (message, at) = schema.violation(of: node) {
            throw arguments.error("\(message) (the schema of plugin '\(plugin.metadata.name)' \(plugin.metadata.version))", at: at)
        }
        self.arguments = node.json
    }

    var traceArgument: JSON? { arguments == .null ? nil : arguments }

    func apply(_ input: JSON?, in context: StepContext) throws(StepError) -> JSON? {
        var request = JSONObject()
        if let input { request["input"] = input }
        request["arguments"] = arguments
        if plugin.metadata.wantsPayload { request["payload"] = context.payload }
        let responseBytes: [UInt8]
        do {
            responseBytes = try plugin.call(request: Array(JSON.object(request).serialized().utf8))
        } catch {
            throw StepError("\(error)")
        }
        return try Self.output(of: responseBytes)
    }

    /// The response's output, or the plugin's error.
    static func output(of bytes: [UInt8]) throws(StepError) -> JSON? {
        let response: JSON
        do { response = try JSON.parse(bytes: bytes, maxDepth: 128) } catch {
            throw StepError("\(PluginCallError.invalidOutput("not JSON: \(error)"))")
        }
        guard case .object(let object) = response, object.count <= 1 else {
            throw StepError("\(PluginCallError.invalidOutput("expected {\"output\": …}, {} or {\"error\": \"…\"}"))")
        }
        if let output = object["output"] { return output }
        if case .string(let message)? = object["error"] { throw StepError(message) }
        if object.isEmpty { return nil }
        throw StepError("\(PluginCallError.invalidOutput("expected {\"output\": …}, {} or {\"error\": \"…\"}"))")
    }
}
