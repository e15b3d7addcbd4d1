import Hummingbird
import Logging

/// How the admin API answers: JSON text, and store failures in the API's one error shape.
enum AdminResponse {
    /// A `200` (or `status`) whose body is JSON text already built.
    ///
    /// The admin API copies stored JSON (payloads, fields, provenance) into its answers as
    /// text, so what `?raw=1` shows is byte for byte what was stored.
    static func json(text: String, status: HTTPResponse.Status = .ok) -> Response {
        var buffer = ByteBuffer()
        buffer.writeString(text)
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: buffer))
    }

    /// Runs a store call, turning its failures into `400` (a bad limit, cursor or id: the
    /// caller can fix it) or `503` (the store is unwell: retry).
    static func store<T>(
        _ logger: Logger, _ operation: () async throws -> T
    ) async throws(IngestError) -> T {
        do {
            return try await operation()
        } catch let error as StoreError where error.isInvalidRequest {
            throw IngestError(.badRequest, error.description)
        } catch let error as IngestError {
            throw error
        } catch {
            logger.error("admin API: store call failed", metadata: ["error": "\(error)"])
            throw IngestError(.serviceUnavailable, "The store cannot answer right now. Retry later.")
        }
    }

    /// `{"KEY": [items…], "next_cursor": …}`, items copied as JSON text.
    static func page(_ key: String, items: [String], nextCursor: String?) -> Response {
        var text = "{"
        JSONText.appendString(key, to: &text)
        text += ":[" + items.joined(separator: ",") + "],\"next_cursor\":"
        if let nextCursor { JSONText.appendString(nextCursor, to: &text) } else { text += "null" }
        return json(text: text + "}")
    }
}
