/// A store failure, in words a user can act on.
///
/// A small struct over a private kind (as NIO's errors) so kinds can grow without breaking
/// callers. Messages never carry SQL, bound values or payload text: they reach logs and
/// `503` bodies, and a payload may hold secrets.
package struct StoreError: Error, CustomStringConvertible, Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case newerSchema(location: String, found: Int?, known: Int)
        case failed(operation: String, reason: String)
        /// The database could not be reached, or did not answer in time: nothing about the
        /// request itself is wrong, and the same request may succeed once it is back.
        case unavailable(operation: String, reason: String)
        case invalidQuery(String)
        case invalidCursor
        case invalidIdentifier(String)
        /// The configuration names a database the store will not use (a bad URL, an unsafe
        /// server setting): start-up stops with this message.
        case invalidConfiguration(String)
        /// A replay's quarantined payloads were resolved by another replay meanwhile.
        case alreadyResolved
        case closed
    }

    let kind: Kind

    init(_ kind: Kind) {
        self.kind = kind
    }

    /// Whether the caller asked for something impossible (a bad limit, cursor or id): the
    /// admin API answers `400`, where any other store error is a `503`.
    package var isInvalidRequest: Bool {
        switch kind {
        case .invalidQuery, .invalidCursor, .invalidIdentifier: true
        case .newerSchema, .failed, .unavailable, .invalidConfiguration, .alreadyResolved, .closed: false
        }
    }

    /// Whether the database could not be reached or did not answer in time (rather than
    /// refusing what it was asked): group commit then fails the whole group at once instead
    /// of retrying each request alone against a database that is not there.
    package var isUnavailable: Bool {
        if case .unavailable = kind { true } else { false }
    }

    /// Whether the database was written by a newer intake (start-up refuses it).
    package var isNewerSchema: Bool {
        if case .newerSchema = kind { true } else { false }
    }

    /// Whether a replayed batch was refused because another replay resolved its entries first.
    package var isAlreadyResolved: Bool {
        if case .alreadyResolved = kind { true } else { false }
    }

    package var description: String {
        switch kind {
        case let .newerSchema(location, found, known):
            "the database \(location) has schema version \(found.map(String.init) ?? "?"), newer than this intake "
                + "knows (\(known)): upgrade intake to a version that knows it, or point storage at another database"
        case let .failed(operation, reason), let .unavailable(operation, reason):
            "the store could not \(operation): \(reason)"
        case let .invalidQuery(message):
            message
        case .invalidCursor:
            "invalid cursor: pass back the next_cursor of a previous page unchanged"
        case let .invalidIdentifier(message), let .invalidConfiguration(message):
            message
        case .alreadyResolved:
            "the quarantined payload was replayed meanwhile by another replay"
        case .closed:
            "the store is closed"
        }
    }
}
