import Hummingbird
import NIOHTTP1

/// Reads a request body while it streams in, never holding more than the limit.
///
/// `Content-Length` is checked before the first byte is read; a chunked body is counted as it
/// arrives and refused the moment it passes the limit, so a sender cannot make the listener
/// buffer more than `max_body_bytes` (SPEC §4). The whole body must arrive within
/// `read_timeout_s` of the request head, whether it trickles or stops: the connection's
/// `ConnectionGuard` keeps that deadline on the event loop and ends the body with
/// `RequestBodyTimeout`, answered here as a `408` (the connection is closed after the answer).
/// (A timer task per request raced against the read cost two child tasks and a wake-up of the
/// timer thread per request: docs/performance.md.)
enum BodyReader {
    static func collect(
        _ body: RequestBody, declaredLength: Int?, limits: LimitsConfiguration
    ) async throws -> [UInt8] {
        if let declaredLength, declaredLength > limits.maxBodyBytes {
            throw IngestError.bodyTooLarge(limit: limits.maxBodyBytes)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(max(declaredLength ?? 4096, 0), limits.maxBodyBytes))
        do {
            for try await buffer in body {
                guard buffer.readableBytes <= limits.maxBodyBytes - bytes.count else {
                    throw IngestError.bodyTooLarge(limit: limits.maxBodyBytes)
                }
                bytes.append(contentsOf: buffer.readableBytesView)
            }
        } catch is RequestBodyTimeout {
            throw IngestError(
                .requestTimeout, "The body did not arrive within \(limits.readTimeoutSeconds) s (limits.read_timeout_s).")
        } catch let error as HTTPParserError {
            // A malformed chunk size or framing: the sender's mistake, not the listener's.
            throw IngestError(.badRequest, "The body's HTTP framing is invalid (\(error)); nothing was stored.")
        }
        return bytes
    }
}
