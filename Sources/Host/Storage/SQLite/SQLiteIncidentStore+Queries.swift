import Foundation
import GRDB
import Transforms

extension SQLiteIncidentStore {
    package func incident(id: String) async throws -> StoredIncident? {
        guard let number = StoreIdentifier.incident.number(id) else { return nil }
        return try await read("read an incident") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM incidents WHERE id = ?", arguments: [number]).map(StoredIncident.init(row:))
        }
    }

    package func incidents(_ query: IncidentQuery) async throws -> Page<StoredIncident> {
        let limit = try StoreListing.checked(limit: query.limit)
        let cursor = try query.cursor.map { try PageCursor(token: $0, count: 2) }
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let instance = query.instance {
            conditions.append("instance = ?")
            arguments += [instance]
        }
        if let type = query.type {
            conditions.append("type = ?")
            arguments += [type]
        }
        if let since = query.since {
            conditions.append("created >= ?")
            arguments += [since.millisecondsSinceEpoch]
        }
        if let cursor {
            conditions.append("(created, id) < (?, ?)")
            arguments += [cursor.key[0], cursor.key[1]]
        }
        let sql =
            "SELECT * FROM incidents" + Self.whereClause(conditions)
            + " ORDER BY created DESC, id DESC LIMIT \(limit + 1)"
        let rows = try await read("list incidents") { [arguments] db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                (incident: StoredIncident(row: row), key: [row["created"], row["id"]] as [Int64])
            }
        }
        return StoreListing.page(rows, limit: limit)
    }

    package func samples(instance: String, limit: Int) async throws -> [StoredSample] {
        guard limit >= 1 else { throw StoreError(.invalidQuery("limit must be at least 1")) }
        return try await read("list samples") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM samples WHERE instance = ? ORDER BY id DESC LIMIT ?",
                arguments: [instance, limit]
            ).map(StoredSample.init(row:))
        }
    }

    package func quarantined(_ query: QuarantineQuery) async throws -> Page<QuarantinedPayload> {
        let limit = try StoreListing.checked(limit: query.limit)
        let cursor = try query.cursor.map { try PageCursor(token: $0, count: 1) }
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let instance = query.instance {
            conditions.append("instance = ?")
            arguments += [instance]
        }
        if !query.includeResolved { conditions.append("resolved IS NULL") }
        if let cursor {
            conditions.append("id < ?")
            arguments += [cursor.key[0]]
        }
        let sql = "SELECT * FROM quarantine" + Self.whereClause(conditions) + " ORDER BY id DESC LIMIT \(limit + 1)"
        let rows = try await read("list quarantined payloads") { [arguments] db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                (payload: try QuarantinedPayload(row: row), key: [row["id"]] as [Int64])
            }
        }
        return StoreListing.page(rows, limit: limit)
    }

    package func quarantined(id: String) async throws -> QuarantinedPayload? {
        guard let number = StoreIdentifier.quarantine.number(id) else { return nil }
        return try await read("read a quarantined payload") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM quarantine WHERE id = ?", arguments: [number]).map { try QuarantinedPayload(row: $0) }
        }
    }

    package func quarantinedBytes(instance: String) async throws -> Int {
        try await read("measure the quarantine") { db in
            try Int.fetchOne(
                db, sql: "SELECT COALESCE(SUM(LENGTH(CAST(payload AS BLOB))), 0) FROM quarantine WHERE instance = ? AND resolved IS NULL",
                arguments: [instance]) ?? 0
        }
    }

    package func resolveQuarantined(ids: [String]) async throws {
        let numbers = try StoreListing.quarantineNumbers(ids)
        guard !numbers.isEmpty else { return }
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        do {
            try await gate.withAccess {
                try await writer.write { db in
                    let update = try db.cachedStatement(sql: "UPDATE quarantine SET resolved = ? WHERE id = ? AND resolved IS NULL")
                    for number in numbers {
                        try update.execute(arguments: [now, number])
                    }
                }
            }
        } catch {
            throw StoreError.wrapping(error, operation: "resolve quarantined payloads")
        }
    }

    func read<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await gate.withAccess { try await writer.read(body) }
        } catch {
            throw StoreError.wrapping(error, operation: operation)
        }
    }

    private static func whereClause(_ conditions: [String]) -> String {
        conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }
}
