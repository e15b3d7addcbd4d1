import Foundation
import Testing
import Transforms

@testable import Host

/// Requests to the admin API of a `TestServer`, with or without the bearer token.
enum AdminHTTP {
    static func get(_ server: TestServer, _ path: String, token: String? = nil) async throws -> TestHTTP.Response {
        try await TestHTTP.send(port: server.port, "GET", path, headers: authorization(token), body: "")
    }

    static func post(_ server: TestServer, _ path: String, json: String, token: String? = nil) async throws -> TestHTTP.Response {
        try await TestHTTP.post(port: server.port, path, json: json, headers: authorization(token))
    }

    /// Ingests one body into `instance` and returns the response's elements.
    @discardableResult
    static func ingest(_ server: TestServer, _ instance: String, _ json: String, headers: [(String, String)] = []) async throws -> [JSON] {
        let response = try await TestHTTP.post(port: server.port, "/instance/execute/\(instance)", json: json, headers: headers)
        #expect(response.status == 200, "\(response)")
        return response.json?.arrayValue ?? []
    }

    private static func authorization(_ token: String?) -> [(String, String)] {
        token.map { [("Authorization", "Bearer \($0)")] } ?? []
    }
}

extension TestHTTP.Response {
    /// A member of the JSON object body.
    subscript(_ key: String) -> JSON? { json?.objectValue?[key] }

    /// The `error` message of an error body.
    var error: String? { self["error"]?.stringValue }
}

extension JSON {
    /// A member of an object value.
    subscript(_ key: String) -> JSON? { objectValue?[key] }

    /// The `id` member of an object value.
    var id: String? { self["id"]?.stringValue }
}
