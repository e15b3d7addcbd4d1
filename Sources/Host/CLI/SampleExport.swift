import Foundation
import Transforms

/// Writes stored samples as `intake test` cases (SEMANTICS S133): `ID.json`, `ID.expected.json`
/// and `ID.args.json` in one folder.
///
/// The expected file is produced the way `intake test` will check it (the payload file
/// mapped from its folder, so `source` is `ID.json`), which keeps export and test in step by
/// construction. Values that depend on the time received (`occurred` of a payload that does
/// not carry one) are found by mapping twice at two different times and masked as `"<any>"`:
/// the case then passes on any later day.
struct SampleExport {
    var folder: String
    var chain: MappingChain
    var mapperNames: [String]

    /// How far apart the two mapping times are: any value that follows the time received moves.
    static let probeShiftMilliseconds: Int64 = 86_400_000 + 1

    /// - Throws: `CLIFailure` (exit 2) for an instance with no mapper chain, which an
    ///   `X.args.json` cannot express (`mappers: []` is an error, S133), or a folder that
    ///   cannot be created.
    init(folder: String, chain: MappingChain, mapperNames: [String]) throws {
        guard !mapperNames.isEmpty else {
            throw CLIFailure.usage(
                "samples export: the instance has no mapper chain, and an X.args.json cannot name an empty one (S133); "
                    + "give it mappers: [...] first")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CLIFailure(message: "\(folder): cannot create the folder: \(error.localizedDescription)", exitCode: 2)
        }
        self.folder = folder
        self.chain = chain
        self.mapperNames = mapperNames
    }

    /// Writes one sample's three files and returns the payload file's path.
    func write(_ sample: StoredSample) throws -> String {
        let payloadPath = path(sample.id + ".json")
        try save(sample.payloadText.hasSuffix("\n") ? sample.payloadText : sample.payloadText + "\n", to: payloadPath)

        let headers = sample.mappingHeaders
        var arguments = JSONObject()
        arguments["mappers"] = .array(mapperNames.map(JSON.string))
        arguments["default_type"] = .string(chain.defaultType)
        if !headers.isEmpty { arguments["headers"] = .array(headers.map { .string("\($0.name): \($0.value)") }) }
        try save(JSON.object(arguments).prettySerialized() + "\n", to: path(sample.id + ".args.json"))

        let source = sample.id + ".json"
        let shifted = Instant(millisecondsSinceEpoch: sample.received.millisecondsSinceEpoch + Self.probeShiftMilliseconds)
        let today = try mapped(payloadPath, source: source, headers: headers, receivedAt: sample.received)
        let probe = try mapped(payloadPath, source: source, headers: headers, receivedAt: shifted)
        try save(Self.masking(today, where: probe).prettySerialized() + "\n", to: path(sample.id + ".expected.json"))
        return payloadPath
    }

    /// What `intake dry-run` prints for the file, read back as printed (instants as text).
    private func mapped(_ file: String, source: String, headers: [HTTPHeader], receivedAt: Instant) throws -> JSON {
        let plan = DryRunPlan(chain: chain, request: MappingRequest(headers: headers, receivedAt: receivedAt))
        let elements = JSON.array(try plan.map(file: file, source: source))
        return (try? JSON.parse(elements.serialized())) ?? elements
    }

    /// `value` with every place where `other` differs replaced by `"<any>"`.
    static func masking(_ value: JSON, where other: JSON) -> JSON {
        switch (value, other) {
        case (.object(let object), .object(let otherObject)):
            var masked = JSONObject()
            for (key, member) in object.members {
                masked[key] = otherObject[key].map { masking(member, where: $0) } ?? "<any>"
            }
            return .object(masked)
        case (.array(let elements), .array(let otherElements)) where elements.count == otherElements.count:
            return .array(zip(elements, otherElements).map { masking($0, where: $1) })
        default:
            return value == other ? value : "<any>"
        }
    }

    private func path(_ name: String) -> String {
        (folder as NSString).appendingPathComponent(name)
    }

    private func save(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw CLIFailure(message: "\(path): cannot write: \(error.localizedDescription)", exitCode: 2)
        }
    }
}
