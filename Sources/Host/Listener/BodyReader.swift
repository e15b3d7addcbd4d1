import Hummingbird

/// Reads a request body while it streams in, never holding more than the limit.
///
/// `Content-Length` is checked before the first byte is read; a chunked body is counted as it
/// arrives and refused the moment it passes the limit, so a sender cannot make the listener
/// buffer more than `max_body_bytes` (SPEC §4). The whole body must arrive within
/// `read_timeout_s`; a connection that goes completely silent is closed by the idle timeout.
enum BodyReader {
    static func collect(
        _ body: RequestBody, declaredLength: Int?, limits: LimitsConfiguration
    ) async throws -> [UInt8] {
        if let declaredLength, declaredLength > limits.maxBodyBytes {
            throw IngestError.bodyTooLarge(limit: limits.maxBodyBytes)
        }
        let deadline = ContinuousClock.now.advanced(by: .seconds(limits.readTimeoutSeconds))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(declaredLength ?? 4096, limits.maxBodyBytes))
        for try await buffer in body {
            guard bytes.count + buffer.readableBytes <= limits.maxBodyBytes else {
                throw IngestError.bodyTooLarge(limit: limits.maxBodyBytes)
            }
            bytes.append(contentsOf: buffer.readableBytesView)
            if ContinuousClock.now > deadline {
                throw IngestError(
                    .requestTimeout, "The body did not arrive within \(limits.readTimeoutSeconds) s (limits.read_timeout_s).")
            }
        }
        return bytes
    }
}
