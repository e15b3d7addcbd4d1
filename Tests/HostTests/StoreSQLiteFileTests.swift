import Foundation
import GRDB
import Testing
import Transforms

@testable import Host

/// What only a database file can show: durability across reopening, WAL and FULL sync, and
/// refusing a file written by a newer intake.
@Suite("Store: SQLite file")
struct StoreSQLiteFileTests {
    @Test func dataSurvivesClosingAndReopening() async throws {
        try await TemporaryFolder.with { folder in
            let path = folder.appendingPathComponent("intake.db").path
            let store = try SQLiteIncidentStore(path: path)
            try await store.migrate()
            var batch = Make.batch([
                .incident(Make.incident("kept", dedupKey: "k")),
                .quarantine(NewQuarantine(payloadText: "1", headersText: "{}", errors: ["e"])),
            ])
            batch.samples = [NewSample(payloadText: "{}", headersText: "{}", received: Make.at(1))]
            batch.samplesKept = 5
            _ = try await store.commit(batch)
            try await store.close()

            let reopened = try SQLiteIncidentStore(path: path)
            try await reopened.migrate()  // already current: a no-op
            #expect(try await reopened.incident(id: "1")?.name == "kept")
            #expect(try await reopened.quarantined(QuarantineQuery()).items.map(\.id) == ["q1"])
            #expect(try await reopened.samples(instance: "forms", limit: 5).map(\.id) == ["s1"])
            // Dedup and the id sequence carry on where they were.
            let again = try await reopened.commit(
                Make.batch([
                    .incident(Make.incident("dup", dedupKey: "k")), .incident(Make.incident("next")),
                ]))
            #expect(again.results.map(\.summary?.id) == ["1", "2"])
            #expect(again.results.map(\.isCreated) == [false, true])
            try await reopened.close()
        }
    }

    @Test func writerUsesWALAndFullSync() async throws {
        try await TemporaryFolder.with { folder in
            let store = try SQLiteIncidentStore(path: folder.appendingPathComponent("intake.db").path)
            try await store.migrate()
            _ = try await store.commit(Make.batch(Make.incident("a")))
            #expect(try await store.writerSynchronousLevel() == 2)
            let journal = try await store.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
            #expect(journal == "wal")
            try await store.close()
        }
    }

    @Test func refusesASchemaNewerThanItKnows() async throws {
        try await TemporaryFolder.with { folder in
            let path = folder.appendingPathComponent("future.db").path
            let store = try SQLiteIncidentStore(path: path)
            try await store.migrate()
            try await store.close()
            let other = try DatabaseQueue(path: path)
            try await other.write { try $0.execute(sql: "PRAGMA user_version = 99") }
            try other.close()

            let newer = try SQLiteIncidentStore(path: path)
            let error = await #expect(throws: StoreError.self) { try await newer.migrate() }
            #expect(error?.isNewerSchema == true)
            #expect(
                error?.description == "the database \(path) has schema version 99, newer than this intake knows (\(SQLiteSchema.version)): "
                    + "upgrade intake to a version that knows it, or point storage at another database")
            try await newer.close()
        }
    }

    @Test func refusesAMigrationItDoesNotKnow() async throws {
        try await TemporaryFolder.with { folder in
            let path = folder.appendingPathComponent("future.db").path
            let store = try SQLiteIncidentStore(path: path)
            try await store.migrate()
            try await store.close()
            // A newer intake that forgot to bump user_version is still caught by the migrator.
            let other = try DatabaseQueue(path: path)
            try await other.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2: future')") }
            try other.close()

            let newer = try SQLiteIncidentStore(path: path)
            let error = await #expect(throws: StoreError.self) { try await newer.migrate() }
            #expect(error?.isNewerSchema == true)
            #expect(error?.description.contains("upgrade intake") == true)
            try await newer.close()
        }
    }

    @Test func aFileThatIsNotADatabaseIsAClearError() async throws {
        try await TemporaryFolder.with { folder in
            let path = folder.appendingPathComponent("notes.txt").path
            try Data(String(repeating: "not a database, secret=hunter2\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: StoreError.self) { _ = try SQLiteIncidentStore(path: path) }
            #expect(error?.description.hasPrefix("the store could not open the database \(path): SQLite error 26") == true)
            #expect(error?.description.contains("hunter2") == false)
        }
    }
}
