import Foundation
import NIOSSL
import PostgresNIO

/// A `postgres://user:password@host:port/database?sslmode=…` URL, read as libpq reads it.
///
/// Percent-escapes in the user, password and database are decoded. `sslmode` takes libpq's
/// values with libpq's meaning: `disable`; `allow` and `prefer` (the default) use TLS when the
/// server offers it, unverified; `require` insists on TLS, unverified; `verify-ca` checks the
/// certificate chain and `verify-full` the host name too, against `sslrootcert` (a PEM file)
/// or the system's roots. Other query parameters are refused, so a typo is not silently ignored.
struct PostgresURL {
    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String?
    var tls: PostgresClient.Configuration.TLS
    /// The sslmode asked for, for messages.
    var sslMode: String

    /// - Throws: `StoreError` (invalid configuration) naming what is wrong, never the password.
    init(_ text: String) throws(StoreError) {
        guard let components = URLComponents(string: text),
            components.scheme == "postgres" || components.scheme == "postgresql"
        else { throw Self.invalid("expected postgres://user:password@host:5432/database") }
        guard let host = components.host, !host.isEmpty else { throw Self.invalid("the URL has no host") }
        guard let user = components.user, !user.isEmpty else { throw Self.invalid("the URL has no user (postgres://USER:password@host/db)") }
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        port = components.port ?? 5432
        self.user = user.removingPercentEncoding ?? user
        password = components.password.map { $0.removingPercentEncoding ?? $0 }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? nil : (path.removingPercentEncoding ?? path)
        var sslMode = "prefer"
        var rootCertificate: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode": sslMode = item.value ?? ""
            case "sslrootcert": rootCertificate = item.value
            default:
                throw Self.invalid("unknown parameter '\(item.name)' (known: sslmode, sslrootcert)")
            }
        }
        self.sslMode = sslMode
        tls = try Self.tls(mode: sslMode, rootCertificate: rootCertificate)
    }

    private static func tls(mode: String, rootCertificate: String?) throws(StoreError) -> PostgresClient.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let rootCertificate { tls.trustRoots = .file(rootCertificate) }
        switch mode {
        case "disable":
            return .disable
        case "allow", "prefer":
            tls.certificateVerification = .none
            return .prefer(tls)
        case "require":
            tls.certificateVerification = .none
            return .require(tls)
        case "verify-ca":
            tls.certificateVerification = .noHostnameVerification
            return .require(tls)
        case "verify-full":
            tls.certificateVerification = .fullVerification
            return .require(tls)
        default:
            throw invalid("sslmode '\(mode)' is not one of disable, allow, prefer, require, verify-ca, verify-full")
        }
    }

    private static func invalid(_ message: String) -> StoreError {
        StoreError(.invalidConfiguration("storage.postgres: \(message)"))
    }

    /// Where the database is, for messages: no user, no password.
    var location: String {
        "\(host):\(port)/\(database ?? user)"
    }
}
