import Hummingbird
import NIOCore

/// The per-request context of every Intake route.
///
/// Besides Hummingbird's core storage it keeps the peer's address, which the admin API needs
/// to allow `/api/*` only from loopback when no admin token is configured (SPEC §3).
package struct IntakeRequestContext: RequestContext, RemoteAddressRequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The client's address, when the channel knows it.
    package let remoteAddress: SocketAddress?
    /// The connection, for the lingering close after an early refusal.
    let channel: any Channel

    package init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
        channel = source.channel
    }

    /// Seconds a connection stays open after a refusal that left its body unread: long enough
    /// for the client to read the response (closing at once could reset the connection and
    /// lose it), short enough that a refused body cannot keep streaming in. Default: 2.
    static let lingerSeconds: Int64 = 2

    /// Whether the sender's connection is still open: a request whose sender is gone stops
    /// before its next costly step (parse, each payload's mapping, commit).
    var isConnected: @Sendable () -> Bool {
        let channel = channel
        return { channel.isActive }
    }

    /// Closes the connection `lingerSeconds` from now (nginx's "lingering close").
    func closeAfterLinger() {
        let channel = channel
        channel.eventLoop.scheduleTask(in: .seconds(Self.lingerSeconds)) { channel.close(promise: nil) }
    }
}
