import Hummingbird
import NIOCore

/// The per-request context of every Intake route.
///
/// Besides Hummingbird's core storage it keeps the peer's address, which the admin API needs
/// to allow `/api/*` only from loopback when no admin token is configured (SPEC §3).
public struct IntakeRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's address, when the channel knows it.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
