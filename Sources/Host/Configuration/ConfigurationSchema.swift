import Transforms

/// The JSON Schema of `intake.yaml` (SPEC §8, §12, §13) for editors, built from the key
/// lists the configuration decoder itself checks against, so a key the decoder learns is a
/// key the schema offers. Values stay loosely typed: `${ENV}` may stand for a number or a
/// secret anywhere, and the decoder's range and URL checks are `intake check`'s to report.
enum ConfigurationSchema {
    typealias Decoder = ConfigurationDecoder

    static var document: JSON {
        let closed = EditorSchema.closedMap
        let instance = closed(
            Decoder.instanceKeys, ["name"],
            [
                "name": ["type": "string", "description": "The URL's last part: /instance/execute/NAME."],
                "auth": [
                    "anyOf": [["type": "string"], ["type": "object"]],
                    "description": "none, {username, password} (Basic, or _header:NAME), or {hmac: {preset | header, secret, …}}.",
                ],
                "mappers": ["type": "array", "items": ["type": "string"], "description": "The chain: mapper names, the first that matches maps."],
                "on_unmatched": choices(UnmatchedPayloadPolicy.self),
                "on_mapping_error": choices(MappingErrorPolicy.self),
            ])
        let action = closed(
            Decoder.actionKeys, ["name"],
            [
                "when": closed(Decoder.actionSelectionKeys, [], [:]),
                "request": closed(Decoder.actionRequestKeys, [], [:]),
                "sign": closed(Decoder.actionSignKeys, [], [:]),
                "retry": closed(Decoder.actionRetryKeys, [], [:]),
            ])
        let root = closed(
            Decoder.topLevelKeys, [],
            [
                "listen": closed(Decoder.listenKeys, [], ["tls": closed(Decoder.tlsKeys, [], [:])]),
                "storage": closed(Decoder.storageKeys, [], [:]),
                "mappers": ["type": "string", "description": "The folder of mapper and incident-type files."],
                "admin": closed(Decoder.adminKeys, [], [:]),
                "limits": closed(Decoder.limitKeys, [], [:]),
                "plugins": closed(Decoder.pluginsKeys, [], [:]),
                "instances": ["type": "array", "items": instance],
                "actions": ["type": ["array", "null"], "items": action],
            ])
        guard case .object(var object) = root else { return root }
        object["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        object["title"] = "Intake configuration (intake.yaml)"
        return .object(object)
    }

    /// `{"enum": [...]}` of a choice the decoder reads with `choice(_:at:as:)`.
    static func choices<Choice: RawRepresentable & CaseIterable>(_: Choice.Type) -> JSON where Choice.RawValue == String {
        ["enum": .array(Choice.allCases.map { .string($0.rawValue) })]
    }
}
