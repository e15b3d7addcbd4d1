import GRDB
import Transforms

extension SQLiteIncidentStore {
    package func claimDeliveries(action: String, limit: Int, now: Instant, leaseUntil: Instant) async throws -> [Delivery] {
        guard limit > 0 else { return [] }
        do {
            return try await gate.withAccess {
                try await writer.write { db in
                    // One write transaction: nothing else writes between the SELECT and the UPDATE.
                    let rows = try Row.fetchAll(
                        db,
                        sql: """
                            SELECT * FROM deliveries WHERE action = ? AND status = 'pending' AND next_attempt <= ?
                                AND (leased_until IS NULL OR leased_until <= ?)
                            ORDER BY next_attempt, id LIMIT ?
                            """,
                        arguments: [action, now.millisecondsSinceEpoch, now.millisecondsSinceEpoch, limit])
                    let lease = try db.cachedStatement(sql: "UPDATE deliveries SET leased_until = ? WHERE id = ?")
                    for row in rows {
                        try lease.execute(arguments: [leaseUntil.millisecondsSinceEpoch, row["id"] as Int64])
                    }
                    return try rows.map(Delivery.init(row:))
                }
            }
        } catch {
            throw StoreError.wrapping(error, operation: "claim deliveries")
        }
    }

    package func finishAttempt(delivery id: String, outcome: DeliveryAttemptOutcome, at time: Instant) async throws {
        guard let number = StoreIdentifier.delivery.number(id) else { throw StoreError(.invalidIdentifier("not a delivery id (they look like d12)")) }
        let (status, result, next, delivered): (DeliveryStatus, String, Int64?, Int64?) =
            switch outcome {
            case .delivered(let result): (.delivered, result, nil, time.millisecondsSinceEpoch)
            case .retry(let result, let next): (.pending, result, next.millisecondsSinceEpoch, nil)
            case .failed(let result): (.failed, result, nil, nil)
            }
        do {
            try await gate.withAccess {
                try await writer.write { db in
                    try db.execute(
                        sql: """
                            UPDATE deliveries SET status = ?, attempts = attempts + 1, last_attempt = ?, last_result = ?,
                                next_attempt = ?, delivered = ?, leased_until = NULL
                            WHERE id = ?
                            """,
                        arguments: [status.rawValue, time.millisecondsSinceEpoch, result, next, delivered, number])
                }
            }
        } catch {
            throw StoreError.wrapping(error, operation: "record a delivery attempt")
        }
    }

    package func deliveries(_ query: DeliveryQuery) async throws -> Page<Delivery> {
        guard (1...IncidentQuery.maximumLimit).contains(query.limit) else {
            throw StoreError(.invalidQuery("limit must be between 1 and \(IncidentQuery.maximumLimit)"))
        }
        let cursor = try query.cursor.map { try PageCursor(token: $0, count: 1) }
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let status = query.status {
            conditions.append("status = ?")
            arguments += [status.rawValue]
        }
        if let incident = query.incident {
            guard let number = StoreIdentifier.incident.number(incident) else { return Page(items: [], nextCursor: nil) }
            conditions.append("incident = ?")
            arguments += [number]
        }
        if let cursor {
            conditions.append("id < ?")
            arguments += [cursor.key[0]]
        }
        let sql =
            "SELECT * FROM deliveries" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY id DESC LIMIT \(query.limit + 1)"
        let rows = try await read("list deliveries") { [arguments] db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { (try Delivery(row: $0), $0["id"] as Int64) }
        }
        guard rows.count > query.limit else { return Page(items: rows.map(\.0), nextCursor: nil) }
        let kept = rows.prefix(query.limit)
        return Page(items: kept.map(\.0), nextCursor: kept.last.map { PageCursor(key: [$0.1]).token })
    }

    package func delivery(id: String) async throws -> Delivery? {
        guard let number = StoreIdentifier.delivery.number(id) else { return nil }
        return try await read("read a delivery") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM deliveries WHERE id = ?", arguments: [number]).map(Delivery.init(row:))
        }
    }

    package func retryDelivery(id: String, at time: Instant) async throws -> Delivery? {
        guard let number = StoreIdentifier.delivery.number(id) else { return nil }
        do {
            return try await gate.withAccess {
                try await writer.write { db in
                    try db.execute(
                        sql: """
                            UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt = ?, delivered = NULL
                            WHERE id = ?
                            """,
                        arguments: [time.millisecondsSinceEpoch, number])
                    return try Row.fetchOne(db, sql: "SELECT * FROM deliveries WHERE id = ?", arguments: [number]).map(Delivery.init(row:))
                }
            }
        } catch {
            throw StoreError.wrapping(error, operation: "retry a delivery")
        }
    }
}

extension Delivery {
    /// Reads a row of `deliveries`.
    init(row: Row) throws {
        let statusText: String = row["status"]
        guard let status = DeliveryStatus(rawValue: statusText) else {
            throw StoreError(.failed(operation: "read a delivery", reason: "unknown status '\(statusText)'"))
        }
        let next: Int64? = row["next_attempt"]
        let last: Int64? = row["last_attempt"]
        let delivered: Int64? = row["delivered"]
        self.init(
            id: StoreIdentifier.delivery.text(row["id"]), key: row["key"], incident: StoreIdentifier.incident.text(row["incident"]),
            action: row["action"], status: status, attempts: row["attempts"], created: Instant(millisecondsSinceEpoch: row["created"]),
            nextAttempt: status == .pending ? next.map(Instant.init(millisecondsSinceEpoch:)) : nil,
            lastAttempt: last.map(Instant.init(millisecondsSinceEpoch:)), lastResult: row["last_result"],
            delivered: delivered.map(Instant.init(millisecondsSinceEpoch:)))
    }
}
