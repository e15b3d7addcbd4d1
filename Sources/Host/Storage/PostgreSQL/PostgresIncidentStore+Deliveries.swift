import Logging
import PostgresNIO
import Transforms

/// The actions outbox on PostgreSQL, correct with any number of listeners: a claim takes due
/// rows with `FOR UPDATE SKIP LOCKED` and leases them in the same statement, so two workers
/// (of one process or of two) never take the same delivery, and one whose worker died is taken
/// again once its lease has passed.
extension PostgresIncidentStore {
    package func claimDeliveries(action: String, limit: Int, now: Instant, leaseUntil: Instant) async throws -> [Delivery] {
        guard limit > 0 else { return [] }
        let nowMilliseconds = now.millisecondsSinceEpoch
        return try await read("claim deliveries") { client, logger in
            var claimed: [Delivery] = []
            let rows = try await client.query(
                """
                UPDATE deliveries SET leased_until = \(leaseUntil.millisecondsSinceEpoch)
                WHERE id IN (
                    SELECT id FROM deliveries WHERE action = \(PostgresText.clean(action)) AND status = 'pending'
                        AND next_attempt <= \(nowMilliseconds) AND (leased_until IS NULL OR leased_until <= \(nowMilliseconds))
                    ORDER BY next_attempt, id LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED)
                RETURNING \(unescaped: PostgresColumns.delivery)
                """, logger: logger)
            for try await row in rows { claimed.append(try Delivery.decode(row)) }
            // RETURNING keeps no order: due first, as the claim chose them.
            return claimed.sorted { Self.claimOrder($0) < Self.claimOrder($1) }
        }
    }

    private static func claimOrder(_ delivery: Delivery) -> (Int64, Int64) {
        (delivery.nextAttempt?.millisecondsSinceEpoch ?? 0, StoreIdentifier.delivery.number(delivery.id) ?? 0)
    }

    package func finishAttempt(delivery id: String, outcome: DeliveryAttemptOutcome, at time: Instant) async throws {
        guard let number = StoreIdentifier.delivery.number(id) else { throw StoreError(.invalidIdentifier("not a delivery id (they look like d12)")) }
        let (status, result, next, delivered): (DeliveryStatus, String, Int64?, Int64?) =
            switch outcome {
            case .delivered(let result): (.delivered, result, nil, time.millisecondsSinceEpoch)
            case .retry(let result, let next): (.pending, result, next.millisecondsSinceEpoch, nil)
            case .failed(let result): (.failed, result, nil, nil)
            }
        _ = try await read("record a delivery attempt") { client, logger in
            _ = try await client.query(
                """
                UPDATE deliveries SET status = \(status.rawValue), attempts = attempts + 1, last_attempt = \(time.millisecondsSinceEpoch),
                    last_result = \(PostgresText.clean(result)), next_attempt = \(next), delivered = \(delivered), leased_until = NULL
                WHERE id = \(number)
                """, logger: logger
            ).collect()
            return true
        }
    }

    package func deliveries(_ query: DeliveryQuery) async throws -> Page<Delivery> {
        let limit = try StoreListing.checked(limit: query.limit)
        let cursor = try query.cursor.map { try PageCursor(token: $0, count: 1) }
        var conditions = PostgresConditions()
        if let status = query.status { conditions.add("status = ?", status.rawValue) }
        if let incident = query.incident {
            guard let number = StoreIdentifier.incident.number(incident) else { return Page(items: [], nextCursor: nil) }
            conditions.add("incident = ?", number)
        }
        if let cursor { conditions.add("id < ?", cursor.key[0]) }
        let sql = "SELECT \(PostgresColumns.delivery) FROM deliveries\(conditions.clause) ORDER BY id DESC LIMIT \(limit + 1)"
        let rows = try await read("list deliveries") { [conditions] client, logger in
            var rows: [(Delivery, key: [Int64])] = []
            for try await row in try await client.query(PostgresQuery(unsafeSQL: sql, binds: conditions.binds), logger: logger) {
                let delivery = try Delivery.decode(row)
                rows.append((delivery, [StoreIdentifier.delivery.number(delivery.id) ?? 0]))
            }
            return rows
        }
        return StoreListing.page(rows, limit: limit)
    }

    package func delivery(id: String) async throws -> Delivery? {
        guard let number = StoreIdentifier.delivery.number(id) else { return nil }
        return try await read("read a delivery") { client, logger in
            let rows = try await client.query(
                "SELECT \(unescaped: PostgresColumns.delivery) FROM deliveries WHERE id = \(number)", logger: logger)
            for try await row in rows { return try Delivery.decode(row) }
            return nil
        }
    }

    package func retryDelivery(id: String, at time: Instant) async throws -> Delivery? {
        guard let number = StoreIdentifier.delivery.number(id) else { return nil }
        return try await read("retry a delivery") { client, logger in
            let rows = try await client.query(
                """
                UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt = \(time.millisecondsSinceEpoch), delivered = NULL
                WHERE id = \(number)
                RETURNING \(unescaped: PostgresColumns.delivery)
                """, logger: logger)
            for try await row in rows { return try Delivery.decode(row) }
            return nil
        }
    }
}
