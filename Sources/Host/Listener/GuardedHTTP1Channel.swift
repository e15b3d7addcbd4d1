import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1 channel with a `ConnectionGuard` right after the HTTP decoder, where
/// the guard still sees HTTP/1 request heads (Hummingbird's own extra handlers sit after the
/// conversion to version-less HTTP types).
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let base: HTTP1Channel
    let census: ConnectionCensus
    /// How long a request's body may take to arrive (`limits.read_timeout_s`).
    let readTimeout: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let decoder = try operations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try operations.addHandler(ConnectionGuard(census: census, readTimeout: readTimeout), position: .after(decoder))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with a `ConnectionGuard` on every connection, counted in `census`.
    static func guardedHTTP1(
        configuration: HTTP1Channel.Configuration, census: ConnectionCensus, readTimeout: TimeAmount
    ) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            GuardedHTTP1Channel(
                base: HTTP1Channel(responder: responder, configuration: configuration), census: census, readTimeout: readTimeout)
        }
    }
}
