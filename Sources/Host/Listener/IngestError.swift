import Hummingbird
import Transforms

/// An ingestion request refused with one of SPEC §4's statuses.
///
/// Every refusal has one shape, `{"error": "…"}` (plus `errors` for a rejected mapping), so a
/// sender's tooling parses one thing. Messages are written for the sender and never carry a
/// secret, SQL or a byte of another request (STYLE 5).
package struct IngestError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    package var status: HTTPResponse.Status
    package var message: String
    /// Per-payload mapping errors (`422`).
    package var errors: [String]
    /// Extra response headers (`WWW-Authenticate`, `Allow`).
    package var headers: HTTPFields
    /// Set when the refusal came before a body that is still on its way: the response says
    /// `Connection: close` and the connection is closed shortly after, so a refused sender
    /// cannot keep streaming a body the listener would have to read and throw away.
    package var closesConnection = false

    package init(_ status: HTTPResponse.Status, _ message: String, errors: [String] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.errors = errors
        self.headers = headers
    }

    package var description: String { "\(status.code) \(message)" }

    /// The JSON body: `{"error": message}`, with `errors` when there are any.
    package var json: JSON {
        var object: JSONObject = ["error": .string(message)]
        if !errors.isEmpty { object["errors"] = .array(errors.map { .string($0) }) }
        return .object(object)
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = Response.json(json, status: status)
        response.headers.append(contentsOf: headers)
        if closesConnection { response.headers[.connection] = "close" }
        return response
    }
}

extension IngestError {
    /// `401`, the same words whatever failed (SPEC §4); Basic adds its challenge.
    static func authorizationFailed(challenge: String?) -> IngestError {
        var headers: HTTPFields = [:]
        if let challenge { headers[.wwwAuthenticate] = challenge }
        return IngestError(.unauthorized, "Authorization failed.", headers: headers)
    }

    static func unknownInstance(_ name: String) -> IngestError {
        IngestError(.notFound, "No instance named '\(Self.printable(name))'.")
    }

    static let methodNotAllowed = IngestError(.methodNotAllowed, "Only POST is accepted here.", headers: [.allow: "POST"])

    static func bodyTooLarge(limit: Int) -> IngestError {
        IngestError(.contentTooLarge, "The body is larger than the limit of \(limit) bytes (limits.max_body_bytes).")
    }

    /// `429`: an HMAC instance remembers `limit` signatures still inside their window and
    /// cannot tell whether a new one is a replay without remembering it too (SPEC §12).
    static func signatureMemoryFull(limit: Int, retryAfterSeconds: Int) -> IngestError {
        IngestError(
            .tooManyRequests,
            "Too many signed requests within the timestamp tolerance (limits.max_remembered_signatures: \(limit)); retry later.",
            headers: [.retryAfter: String(retryAfterSeconds)])
    }

    /// `429`: the request would quarantine payloads past the instance's bound; nothing of it
    /// was stored.
    static func quarantineFull(limit: Int) -> IngestError {
        IngestError(
            .tooManyRequests,
            "The instance's quarantine is full (limits.max_quarantine_bytes: \(limit)); nothing was stored. "
                + "Retry after its payloads are replayed.",
            headers: [.retryAfter: String(QuarantineBudget.retryAfterSeconds)])
    }

    /// The sender closed its connection before the answer: the work stops, nothing is stored
    /// (nginx's `499`, seen only in logs and metrics — nobody is there to read it).
    static let senderGone = IngestError(
        HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request"),
        "The sender closed the connection; nothing was stored.")

    /// `503` when the commit failed (the database is unreachable, or refused the
    /// transaction): nothing of the request is acknowledged, and the sender should retry.
    static let storeUnavailable = IngestError(
        .serviceUnavailable, "The store cannot commit right now; nothing was stored. Retry later.",
        headers: [.retryAfter: String(storeRetryAfterSeconds)])

    /// The `Retry-After` of a `503`: a database that restarts or fails over is usually back
    /// within seconds.
    static let storeRetryAfterSeconds = 2

    /// A name from the URL, cut short and stripped of control characters before it is echoed.
    static func printable(_ text: String) -> String {
        String(
            text.unicodeScalars.filter { !$0.properties.isDefaultIgnorableCodePoint && $0.value >= 0x20 && $0.value != 0x7F }.prefix(100).map(
                Character.init))
    }
}

extension Response {
    /// A JSON response with `Content-Type: application/json`.
    static func json(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
        var buffer = ByteBuffer()
        buffer.writeString(value.serialized())
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: buffer))
    }
}
