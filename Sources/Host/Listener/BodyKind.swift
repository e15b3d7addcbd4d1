import Transforms

/// What a request's `Content-Type` says the body is (SPEC §4).
enum BodyKind: Equatable {
    /// JSON: `application/json`, `text/json`, any `…/…+json`, or no `Content-Type` at all (a
    /// header with no media type, such as `;;;`, is not "no header": it is a `415`).
    case json
    /// `application/x-www-form-urlencoded`.
    case form
    /// `multipart/form-data` with its boundary; nil when the header has none.
    case multipart(boundary: String?)

    /// The kind for a `Content-Type` value; nil for anything else (`415`).
    init?(contentType: String?) {
        guard let contentType else {
            self = .json
            return
        }
        if contentType == "application/json" {
            // What nearly every webhook sends, answered without splitting or lower-casing.
            self = .json
            return
        }
        let parts = contentType.split(separator: ";", omittingEmptySubsequences: false)
        let mediaType = parts[0].trimmingWhitespace().lowercased()
        switch mediaType {
        case "application/json", "text/json":
            self = .json
        case "application/x-www-form-urlencoded":
            self = .form
        case "multipart/form-data":
            self = .multipart(boundary: MediaTypeParameters.value(of: "boundary", in: parts.dropFirst()))
        default:
            let halves = mediaType.split(separator: "/", omittingEmptySubsequences: false)
            guard halves.count == 2, !halves[0].isEmpty, halves[1].count > "+json".count, halves[1].hasSuffix("+json") else { return nil }
            self = .json
        }
    }
}
