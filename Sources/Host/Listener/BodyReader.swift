import Hummingbird
import NIOHTTP1

/// Reads a request body while it streams in, never holding more than the limit.
///
/// `Content-Length` is checked before the first byte is read; a chunked body is counted as it
/// arrives and refused the moment it passes the limit, so a sender cannot make the listener
/// buffer more than `max_body_bytes` (SPEC §4). The whole body must arrive within
/// `read_timeout_s`, whether it trickles or stops: the read races a timer, and the timer's
/// win is a `408` (the read is cancelled and the connection closed after the answer).
enum BodyReader {
    static func collect(
        _ body: RequestBody, declaredLength: Int?, limits: LimitsConfiguration
    ) async throws -> [UInt8] {
        if let declaredLength, declaredLength > limits.maxBodyBytes {
            throw IngestError.bodyTooLarge(limit: limits.maxBodyBytes)
        }
        let deadline = ContinuousClock.now.advanced(by: .seconds(limits.readTimeoutSeconds))
        return try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask { try await read(body, declaredLength: declaredLength, limit: limits.maxBodyBytes) }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let bytes = first else {
                throw IngestError(
                    .requestTimeout, "The body did not arrive within \(limits.readTimeoutSeconds) s (limits.read_timeout_s).")
            }
            return bytes
        }
    }

    private static func read(_ body: RequestBody, declaredLength: Int?, limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(max(declaredLength ?? 4096, 0), limit))
        do {
            for try await buffer in body {
                guard buffer.readableBytes <= limit - bytes.count else { throw IngestError.bodyTooLarge(limit: limit) }
                bytes.append(contentsOf: buffer.readableBytesView)
            }
        } catch let error as HTTPParserError {
            // A malformed chunk size or framing: the sender's mistake, not the listener's.
            throw IngestError(.badRequest, "The body's HTTP framing is invalid (\(error)); nothing was stored.")
        }
        return bytes
    }
}
