import HTTPTypes
import Transforms

/// One payload of a request body, with the JSON text stored for it.
///
/// A single-object body is stored as the bytes received (what `?raw=1` shows is exactly what
/// was sent); an element of an array body, or the object of a form, is stored as its compact
/// serialization.
struct ReceivedPayload {
    var value: JSON
    var text: String
}

extension ReceivedPayload {
    /// The payloads of a body of the given kind (SPEC §4).
    ///
    /// - Throws: `400` for a body that is not valid JSON or form data (with the byte offset),
    ///   nests deeper than `max_json_depth`, or holds more than `max_payloads_per_request`.
    static func payloads(of body: [UInt8], kind: BodyKind, limits: LimitsConfiguration) throws(IngestError) -> [ReceivedPayload] {
        switch kind {
        case .json:
            return try json(body, limits: limits)
        case .form:
            let form: JSONObject
            do {
                form = try FormURLEncoded.decodeStrictly(body)
            } catch {
                // A JSON body sent as a form can hold a stray `%`: it is read as JSON first.
                if let payloads = try mislabelledJSON(body, form: JSONObject(), limits: limits) { return payloads }
                throw IngestError(.badRequest, "Invalid form body at byte \(error.offset): \(error.message).")
            }
            if let payloads = try mislabelledJSON(body, form: form, limits: limits) { return payloads }
            let value = JSON.object(form)
            return [ReceivedPayload(value: value, text: value.serialized())]
        case .multipart(let boundary):
            guard let boundary else {
                throw IngestError(.badRequest, "A multipart/form-data body needs a boundary parameter in its Content-Type.")
            }
            guard boundary.utf8.count <= MultipartFormData.maximumBoundaryLength else {
                throw IngestError(
                    .badRequest, "The multipart boundary is longer than \(MultipartFormData.maximumBoundaryLength) characters (RFC 2046).")
            }
            do {
                let value = try MultipartFormData.parse(body, boundary: boundary)
                return [ReceivedPayload(value: value, text: value.serialized())]
            } catch {
                throw IngestError(.badRequest, "Invalid multipart body at byte \(error.offset): \(error.message).")
            }
        }
    }

    /// The payloads of a JSON body: one object, or one per element of an array.
    static func json(_ body: [UInt8], limits: LimitsConfiguration) throws(IngestError) -> [ReceivedPayload] {
        let value: JSON
        do {
            value = try JSON.parse(bytes: body, maxDepth: limits.maxJSONDepth)
        } catch {
            throw IngestError(.badRequest, "Invalid JSON at byte \(error.offset): \(error.message).")
        }
        guard case .array(let elements) = value else {
            return [ReceivedPayload(value: value, text: String(decoding: body, as: UTF8.self))]
        }
        guard elements.count <= limits.maxPayloadsPerRequest else {
            throw IngestError(
                .badRequest,
                "The body holds \(elements.count) payloads; the limit is \(limits.maxPayloadsPerRequest) (limits.max_payloads_per_request).")
        }
        return elements.map { ReceivedPayload(value: $0, text: $0.serialized()) }
    }
}
