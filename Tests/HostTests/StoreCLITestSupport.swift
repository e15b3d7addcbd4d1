import Foundation
import Testing
import Transforms

@testable import Host

/// A project folder for the store-backed commands: `intake.yaml`, `mappers/` and an SQLite
/// database filled through the store API, then read by the real `intake` binary.
struct StoreCLIFixture {
    let folder: URL
    var config: String { folder.appendingPathComponent("intake.yaml").path }
    var database: String { folder.appendingPathComponent("intake.db").path }
    var mappers: URL { folder.appendingPathComponent("mappers") }

    /// The incident type the fixture mapper selects: a reporter is required.
    static let types = """
        incident_types:
          Report:
            fields:
              reporter: { type: email, required: true }
              priority: string
              channel: string
        """

    /// Today's mapper: the drop-down `priority` through a table, the reporter from `email` only.
    static let mapperToday = """
        mapper: forms
        version: 1
        type: Report
        dedup: $.title
        fields:
          name: $.title
          reporter: $.email
          priority:
            - $.priority
            - lookup: { "P1 - urgent": urgent, "P2": normal }
          channel: [ { header: x-source } ]
        """

    /// The fixed mapper: `P2` now reads `routine`, `P3` is known, and a reporter may come from
    /// `contact` when `email` is absent.
    static let mapperFixed = """
        mapper: forms
        version: 2
        type: Report
        dedup: $.title
        fields:
          name: $.title
          reporter:
            - coalesce: [ $.email, $.contact ]
          priority:
            - $.priority
            - lookup: { "P1 - urgent": urgent, "P2": routine, "P3": low }
          channel: [ { header: x-source } ]
        """

    /// Creates the folder, configuration, mappers and an empty migrated database.
    static func make() async throws -> StoreCLIFixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intake-storecli-\(UUID().uuidString)")
        let fixture = StoreCLIFixture(folder: folder)
        try FileManager.default.createDirectory(at: fixture.mappers, withIntermediateDirectories: true)
        try write(
            """
            storage: { sqlite: intake.db }
            mappers: mappers
            instances:
              - name: forms
                incident_type: Unclassified
                auth: none
                store_samples: true
                mappers: [forms]
              - name: other
                auth: none
            """, to: fixture.config)
        try write(types, to: fixture.mappers.appendingPathComponent("types.yaml").path)
        try write(mapperToday, to: fixture.mappers.appendingPathComponent("forms.yaml").path)
        let store = try SQLiteIncidentStore(path: fixture.database)
        try await store.migrate()
        try await store.close()
        return fixture
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Commits batches through the store API, as the listener would.
    func commit(_ batches: [IngestBatch]) async throws -> [IngestReceipt] {
        let store = try SQLiteIncidentStore(path: database)
        try await store.migrate()
        var receipts: [IngestReceipt] = []
        for batch in batches { receipts.append(try await store.commit(batch)) }
        try await store.close()
        return receipts
    }

    /// Keeps payloads as samples of `forms`, one request each, a second apart (oldest first).
    func addSamples(_ payloads: [String], headers: String = #"{"x-source":"sheet"}"#) async throws {
        let batches = payloads.enumerated().map { index, payload in
            let received = Instant(millisecondsSinceEpoch: 1_795_000_000_000 + Int64(index) * 1000)
            return IngestBatch(
                instance: "forms", received: received,
                samples: [NewSample(payloadText: payload, headersText: headers, received: received)],
                items: [], samplesKept: 20)
        }
        _ = try await commit(batches)
    }

    /// Runs `intake ARGUMENTS` in the fixture's folder.
    func run(_ arguments: [String]) async throws -> IntakeBinary.Outcome {
        try IntakeBinary.run(arguments, in: folder)
    }

    /// Runs and parses standard output as JSON.
    func runJSON(_ arguments: [String], expecting status: Int32 = 0) async throws -> JSON {
        let result = try await run(arguments)
        #expect(result.status == status, "intake \(arguments.joined(separator: " ")): \(result)")
        do {
            return try JSON.parse(result.stdout)
        } catch {
            Issue.record("not JSON: \(result)")
            return .null
        }
    }
}

extension JSON {
    /// A member of an object (nil for anything else): short paths through a command's answer.
    func at(_ key: String) -> JSON? { objectValue?[key] }

    /// An element of an array (nil when out of range or not an array).
    func at(_ index: Int) -> JSON? {
        guard let array = arrayValue, array.indices.contains(index) else { return nil }
        return array[index]
    }
}
