import Hummingbird
import Transforms

/// The JSON object body of an admin `POST`, read within the listener's limits.
///
/// The admin API takes only a few named keys; an unknown one (a typo such as `payload` for
/// `payloads`) is a `400` rather than an option silently ignored.
struct AdminBody {
    let members: JSONObject

    /// Reads and parses the body; an empty body is an empty object.
    ///
    /// - Throws: `413` over `max_body_bytes`, `400` for anything but a JSON object of the
    ///   `allowed` keys.
    init(_ request: Request, limits: LimitsConfiguration, allowed: [String]) async throws {
        let bytes = try await BodyReader.collect(
            request.body, declaredLength: request.headers[.contentLength].flatMap { Int($0) }, limits: limits)
        guard bytes.contains(where: { !Self.isWhitespace($0) }) else {
            members = [:]
            return
        }
        let value: JSON
        do {
            value = try JSON.parse(bytes: bytes, maxDepth: limits.maxJSONDepth)
        } catch {
            throw IngestError(.badRequest, "Invalid JSON at byte \(error.offset): \(error.message).")
        }
        guard case .object(let object) = value else {
            throw IngestError(.badRequest, "The body must be a JSON object with the keys \(Self.list(allowed)).")
        }
        for member in object.members where !allowed.contains(member.key) {
            throw IngestError(
                .badRequest, "Unknown key '\(IngestError.printable(member.key))'; the body takes \(Self.list(allowed)).")
        }
        members = object
    }

    /// A string member, or nil when absent or null.
    func string(_ key: String) throws(IngestError) -> String? {
        switch members[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw IngestError(.badRequest, "\(key) must be a string.")
        }
    }

    /// An array member, or nil when absent or null.
    func array(_ key: String) throws(IngestError) -> [JSON]? {
        switch members[key] {
        case nil, .null?: return nil
        case .array(let elements)?: return elements
        default: throw IngestError(.badRequest, "\(key) must be an array.")
        }
    }

    /// A boolean member; false when absent.
    func bool(_ key: String) throws(IngestError) -> Bool {
        switch members[key] {
        case nil, .null?: return false
        case .bool(let value)?: return value
        default: throw IngestError(.badRequest, "\(key) must be true or false.")
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func list(_ keys: [String]) -> String {
        keys.map { "'\($0)'" }.joined(separator: ", ")
    }
}
