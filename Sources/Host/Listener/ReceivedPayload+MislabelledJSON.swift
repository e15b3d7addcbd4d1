import HTTPTypes
import Transforms

extension ReceivedPayload {
    /// The payloads of a form body that is really JSON (SPEC §12 "Unmatched payloads"), or nil
    /// for a real form.
    ///
    /// `curl --data @report.json` without `-H 'Content-Type: application/json'` sends the file
    /// as `application/x-www-form-urlencoded`; read as a form it is one field whose name is
    /// the whole document, and it became a "Generic webhook triggered incident" holding it.
    /// Two shapes are read as the JSON they carry: a body whose first non-blank byte is `{` or
    /// `[` (no form field name starts so), and a form whose only field is a JSON object or
    /// array with no value (`--data-urlencode @report.json`).
    ///
    /// - Throws: `400` for a body that starts like JSON but is not valid JSON: mapping it as a
    ///   form would store junk, so the sender is told the byte to fix and the header to send.
    static func mislabelledJSON(_ body: [UInt8], form: JSONObject, limits: LimitsConfiguration) throws(IngestError) -> [ReceivedPayload]? {
        if startsLikeJSON(body[...]) {
            do {
                return try json(body, limits: limits)
            } catch {
                throw IngestError(
                    .badRequest,
                    "The body was sent as a form (application/x-www-form-urlencoded) but starts like JSON. \(error.message) "
                        + "Send JSON with Content-Type: application/json.")
            }
        }
        guard form.count == 1, let (name, value) = form.members.first, value == .string(""), startsLikeJSON(Array(name.utf8)[...]) else {
            return nil
        }
        return try? json(Array(name.utf8), limits: limits)
    }

    /// Whether the first byte that is not JSON white space opens an object or an array.
    private static func startsLikeJSON(_ bytes: ArraySlice<UInt8>) -> Bool {
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }
}
