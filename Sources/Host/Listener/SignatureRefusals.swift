import NIOConcurrencyHelpers
import Transforms

/// The last signature failures of one HMAC instance, metadata only: when, why, how large, and
/// the kept headers — never the body, never a secret (SPEC §10).
///
/// Kept in memory, newest first, at most `capacity`: a flood of forged requests must cost
/// neither disk writes nor unbounded memory. `GET /api/instances/{name}/refusals` lists them.
final class SignatureRefusals: Sendable {
    struct Record: Sendable {
        var received: Instant
        var reason: String
        var size: Int
        /// The kept headers (credentials, signature and timestamp removed), as a JSON object.
        var headers: JSON

        var json: JSON {
            ["received": .instant(received), "reason": .string(reason), "size": .number(.int(size)), "headers": headers]
        }
    }

    /// Records kept per instance. Default: 100.
    static let capacity = 100

    private let records = NIOLockedValueBox([Record]())

    func add(_ record: Record) {
        records.withLockedValue { records in
            records.insert(record, at: 0)
            if records.count > Self.capacity { records.removeLast() }
        }
    }

    /// The records, newest first.
    func newest(_ limit: Int) -> [Record] {
        records.withLockedValue { Array($0.prefix(limit)) }
    }
}
