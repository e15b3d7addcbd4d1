import Transforms

/// What a plugin says about itself through its `intake_metadata` export (docs/plugins.md).
package struct PluginMetadata: Sendable {
    /// The ABI revision the plugin was written for; this Intake speaks revision 1.
    package static let abiVersion = 1

    /// The step name mappers use (`defang`): `[a-z][a-z0-9_]*`, like the built-ins.
    package var name: String
    package var version: String
    package var summary: String
    /// The argument's JSON Schema as declared, for `intake plugins list`; `nil`: no argument.
    package var argumentSchemaJSON: JSON?
    package var argumentSchema: ArgumentSchema?
    /// Whether the step is called when its input has no value (`custom`), or skipped (`transform`).
    package var input: StepSignature.InputPolicy
    /// Whether each call carries the whole payload (`$`), which costs a copy per call.
    package var wantsPayload: Bool

    /// Reads the metadata document.
    ///
    /// - Throws: a message saying which member is wrong and what to write.
    package init(json text: [UInt8]) throws(PluginLoadError.Reason) {
        let document: JSON
        do { document = try JSON.parse(bytes: text, maxDepth: 64) } catch {
            throw .invalidMetadata("intake_metadata returned invalid JSON: \(error)")
        }
        guard case .object(let object) = document else { throw .invalidMetadata("intake_metadata must return a JSON object") }
        guard case .number(.int(let abi)) = object["abi"], abi == Self.abiVersion else {
            throw .invalidMetadata("\"abi\" must be \(Self.abiVersion), the ABI revision this Intake speaks")
        }
        guard case .string(let name) = object["name"], Self.isValidName(name) else {
            throw .invalidMetadata("\"name\" must be a step name: a lowercase letter, then lowercase letters, digits or '_'")
        }
        guard case .string(let version) = object["version"], !version.isEmpty else {
            throw .invalidMetadata("\"version\" must be a non-empty string such as \"1.0.0\"")
        }
        self.name = name
        self.version = version
        if case .string(let summary) = object["summary"] { self.summary = summary } else { self.summary = "" }
        switch object["arguments"] {
        case nil, .null?:
            argumentSchemaJSON = nil
            argumentSchema = nil
        case let schema?:
            do { argumentSchema = try ArgumentSchema(schema) } catch { throw .invalidMetadata("\(error)") }
            argumentSchemaJSON = schema
        }
        switch object["input"] {
        case nil, .string("transform")?: input = .transform
        case .string("custom")?: input = .custom
        default: throw .invalidMetadata("\"input\" must be \"transform\" (skip inputs with no value) or \"custom\"")
        }
        switch object["payload"] {
        case nil, .bool(false)?: wantsPayload = false
        case .bool(true)?: wantsPayload = true
        default: throw .invalidMetadata("\"payload\" must be true or false")
        }
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }
}
