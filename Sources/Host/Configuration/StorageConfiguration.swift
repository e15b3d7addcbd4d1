import Foundation

/// Where incidents are kept (`storage:`): exactly one of `sqlite` or `postgres`.
package enum StorageConfiguration: Sendable, Equatable {
    /// An SQLite database file (the embedded default: `intake.db`), resolved from the config
    /// file's folder.
    case sqlite(path: String)
    /// A PostgreSQL connection URL (`postgres://user:pw@host:5432/intake?sslmode=require`),
    /// `${ENV}` already expanded: several listeners can share one database.
    case postgres(url: String)

    /// A description for log lines that never includes a password.
    package var logDescription: String {
        switch self {
        case .sqlite(let path): "sqlite \(path)"
        case .postgres(let url): "postgres \(Self.redacting(url))"
        }
    }

    /// What a store failure message starts with: the SQLite file (`intake.db: `), or where the
    /// PostgreSQL URL was configured (`intake.yaml: storage.postgres: `), never the URL itself.
    func messagePrefix(source: String) -> String {
        switch self {
        case .sqlite(let path): "\(path): "
        case .postgres: "\(source): storage.postgres: "
        }
    }

    /// The URL with any `user:password@` part replaced by `***@`.
    static func redacting(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + "***" + String(url[at...])
    }
}

/// The admin API's access (`admin:`).
package struct AdminConfiguration: Sendable, Equatable {
    /// The bearer token `/api/*` requires. Default: none, and then `/api/*` answers only on a
    /// loopback listener.
    package var token: String?

    package init(token: String? = nil) {
        self.token = token
    }
}
