import Foundation

/// A user's project folder with WebAssembly steps dropped into `mappers/plugins/`: the shipped
/// `defang` and `mask`, and the looping and trapping fixtures.
enum PluginProject {
    static let types = """
        incident_types:
          Pasted:
            fields:
              card: { type: string }

        """

    /// `pasted` defangs and masks; `spin` and `crash` reach the misbehaving plugins.
    static let mappers: [String: String] = [
        "pasted.yaml": """
        mapper: pasted
        when: { path: $.kind, equals: pasted }
        type: [ { value: Pasted } ]
        fields:
          details: [ { path: $.text }, defang ]
          name: [ { path: $.text }, { defang: { dots: false } } ]
          card: [ { path: $.card }, mask ]

        """,
        "spin.yaml": """
        mapper: spin
        when: { path: $.kind, equals: spin }
        fields:
          details: [ { path: $.text }, test_loop ]

        """,
        "crash.yaml": """
        mapper: crash
        when: { path: $.kind, equals: crash }
        fields:
          details: [ { path: $.text }, test_trap ]

        """,
    ]

    static let payload = #"{"kind": "pasted", "text": "callback to http://evil.example.com from 10.0.0.1", "card": "4111111111111111"}"#
    static let defanged = "callback to hxxp://evil[.]example[.]com from 10[.]0[.]0[.]1"

    /// Writes the mappers, types and plugins into `folder/mappers`.
    static func write(into folder: URL) throws {
        let mappers = folder.appendingPathComponent("mappers")
        let plugins = mappers.appendingPathComponent("plugins")
        try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
        try types.write(to: mappers.appendingPathComponent("pasted-types.yaml"), atomically: true, encoding: .utf8)
        for (name, text) in mappers_ { try text.write(to: mappers.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        for name in ["defang", "mask"] {
            try FileManager.default.copyItem(atPath: PluginFixtures.shipped(name), toPath: plugins.appendingPathComponent("\(name).wasm").path)
        }
        for name in ["test_loop", "test_trap"] {
            try FileManager.default.copyItem(atPath: PluginFixtures.fixture(name), toPath: plugins.appendingPathComponent("\(name).wasm").path)
        }
    }

    private static var mappers_: [String: String] { mappers }

    /// A fresh project folder.
    static func make() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intake-plugins-\(UUID().uuidString)")
        try write(into: folder)
        return folder
    }
}
