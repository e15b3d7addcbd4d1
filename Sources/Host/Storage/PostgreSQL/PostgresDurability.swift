import Logging
import PostgresNIO

/// Refuses a server that may lose a committed transaction.
///
/// A listener answers `200` once COMMIT returns and the sender then forgets the payload. With
/// `fsync = off` the server never flushes, and with `synchronous_commit = off` COMMIT returns
/// before the flush: a crash of the database would lose incidents intake already acknowledged.
/// Any other `synchronous_commit` level (`local`, `remote_write`, `on`, `remote_apply`) waits
/// for at least the local flush.
enum PostgresDurability {
    static func check(on connection: PostgresConnection, location: String, logger: Logger) async throws {
        let rows = try await connection.query(
            "SELECT current_setting('fsync'), current_setting('synchronous_commit')", logger: logger)
        var settings: (fsync: String, synchronousCommit: String)?
        for try await (fsync, synchronousCommit) in rows.decode((String, String).self) {
            settings = (fsync, synchronousCommit)
        }
        guard let settings else { return }
        if let problem = problem(fsync: settings.fsync, synchronousCommit: settings.synchronousCommit) {
            throw StoreError(.invalidConfiguration("the database \(location) \(problem)"))
        }
    }

    /// What is unsafe about these settings, or nil.
    static func problem(fsync: String, synchronousCommit: String) -> String? {
        if fsync == "off" {
            return "runs with fsync = off, so a crash of the database server would lose incidents intake already "
                + "acknowledged: set fsync = on in postgresql.conf"
        }
        if synchronousCommit == "off" {
            return "runs with synchronous_commit = off, so a crash of the database server would lose incidents intake "
                + "already acknowledged: set synchronous_commit = on for the server, the database or intake's user"
        }
        return nil
    }
}
