import NIOCore
import NIOHTTP1
import Transforms

/// Guards one HTTP/1 connection below Hummingbird, where the HTTP version and the moment a
/// request head completes are still visible.
///
/// - **Keep-alive:** a request that does not keep the connection alive (HTTP/1.0 without
///   `Connection: keep-alive`, or `Connection: close`) gets `Connection: close` on its
///   response, and the connection is closed once the response is written.
/// - **Slow clients:** while the port is under pressure (see `ConnectionCensus`), a
///   connection waiting for a request head — idle between requests, or trickling its
///   header — is closed after the grace period rather than the idle timeout.
/// - **Health reserve:** a connection accepted beyond `max_connections` serves `/healthz` and
///   `/readyz` only; anything else gets `503` with `Retry-After: 1`.
/// - **A sender that leaves:** when the client closes its side, the connection is closed, so
///   the work of its request stops instead of running on for nobody.
/// - **Slow bodies:** a request whose body has not ended `limits.read_timeout_s` after its
///   head gets `RequestBodyTimeout` in place of the rest of its body; the body's reader answers
///   it with `408` (SPEC §4). The deadline is a timer of this event loop, armed only when a
///   read ends with a body still incomplete: a body that arrives with its head, the common
///   case, costs no timer at all.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// The paths a reserve connection may ask for.
    static let healthPaths: Set<Substring> = ["/healthz", "/readyz"]

    private let census: ConnectionCensus
    private var isCounted = false
    private var isReserve = false
    /// Whether each request read and not yet answered keeps the connection alive, in order.
    private var keepAlive: [Bool] = []
    /// Since when the connection has been waiting for a request head; nil while a request is
    /// being read or answered.
    private var waitingSince: NIODeadline?
    /// A reserve connection's non-health request: its parts are dropped, it was answered.
    private var isRefusing = false
    private var check: Scheduled<Void>?
    /// How long a request's body may take to arrive, from its head (`limits.read_timeout_s`).
    private let readTimeout: TimeAmount
    /// When the body of the request being read must have ended; nil when no body is pending.
    private var bodyDeadline: NIODeadline?
    /// The timer that enforces `bodyDeadline`, armed only once a read leaves the body pending.
    private var bodyTimer: Scheduled<Void>?

    init(census: ConnectionCensus, readTimeout: TimeAmount) {
        self.census = census
        self.readTimeout = readTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard !isCounted else { return }
        isCounted = true
        isReserve = census.opened() > census.capacity
        waitingSince = .now()
        scheduleCheck(context)
    }

    private func stop() {
        check?.cancel()
        check = nil
        bodyArrived()
        if isCounted {
            isCounted = false
            census.closed()
        }
    }

    /// The sender closed its side: it is gone (as nginx reads it), so the connection is
    /// closed, and the request it left stops at its next step (`IntakeRequestContext.isConnected`).
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            context.close(promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            waitingSince = nil
            keepAlive.append(head.isKeepAlive)
            let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
            if isReserve, !Self.healthPaths.contains(path) {
                isRefusing = true
                refuse(context)
                return
            }
            isRefusing = false
            bodyDeadline = .now() + readTimeout
            context.fireChannelRead(data)
        case .body:
            if !isRefusing { context.fireChannelRead(data) }
        case .end:
            bodyArrived()
            if !isRefusing { context.fireChannelRead(data) }
        }
    }

    /// A read ended: when it left a request's body incomplete, its deadline starts to count.
    func channelReadComplete(context: ChannelHandlerContext) {
        if let deadline = bodyDeadline, bodyTimer == nil {
            bodyTimer = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(deadline: deadline) { [self] in
                bodyTimer = nil
                guard bodyDeadline != nil else { return }
                bodyDeadline = nil
                context.fireErrorCaught(RequestBodyTimeout())
            }
        }
        context.fireChannelReadComplete()
    }

    /// The request's body ended, or is no longer awaited: its deadline no longer applies.
    private func bodyArrived() {
        bodyDeadline = nil
        bodyTimer?.cancel()
        bodyTimer = nil
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            if keepAlive.first == false {
                head.headers.replaceOrAdd(name: "Connection", value: "close")
                context.write(wrapOutboundOut(.head(head)), promise: promise)
            } else {
                context.write(data, promise: promise)
            }
        case .body:
            context.write(data, promise: promise)
        case .end:
            // Answered before its body ended (a refusal): nobody reads the rest of it now.
            bodyArrived()
            let keepsAlive = keepAlive.isEmpty ? true : keepAlive.removeFirst()
            guard keepsAlive else {
                closeAfter(context, writing: data, promise: promise)
                return
            }
            if keepAlive.isEmpty { waitingSince = .now() }
            context.write(data, promise: promise)
        }
    }

    /// A request head the HTTP parser refused (too large, too many fields, malformed): answered
    /// here in the one JSON shape, since no request ever reaches the router. An error in a
    /// body goes on to the body's reader, which answers it.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, waitingSince != nil else {
            context.fireErrorCaught(error)
            return
        }
        waitingSince = nil
        if case .headerOverflow = parserError {
            answer(
                context, status: .requestHeaderFieldsTooLarge,
                error: "The request head is larger than limits.max_header_bytes or has more than 1000 fields.")
        } else {
            answer(context, status: .badRequest, error: "The request head is not valid HTTP/1.1 (\(parserError)).")
        }
    }

    /// `503` for a reserve connection's request that is not a health check.
    private func refuse(_ context: ChannelHandlerContext) {
        _ = keepAlive.popLast()
        answer(
            context, status: .serviceUnavailable, error: "The listener is at limits.max_connections; retry shortly.",
            extraHeaders: [("Retry-After", "1")])
    }

    /// Writes `{"error": …}` with `status` and closes the connection.
    private func answer(
        _ context: ChannelHandlerContext, status: HTTPResponseStatus, error: String, extraHeaders: [(String, String)] = []
    ) {
        var body = context.channel.allocator.buffer(capacity: 128)
        body.writeString(JSON.object(["error": .string(error)]).serialized())
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        headers.add(contentsOf: extraHeaders)
        headers.add(name: "Connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        closeAfter(context, writing: wrapOutboundOut(.end(nil)), promise: nil)
    }

    private func closeAfter(_ context: ChannelHandlerContext, writing data: NIOAny, promise: EventLoopPromise<Void>?) {
        let written = promise ?? context.eventLoop.makePromise()
        context.writeAndFlush(data, promise: written)
        written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    /// Once a second: a connection still waiting for a head past the grace period is closed
    /// when it holds a reserve slot or the port is under pressure.
    private func scheduleCheck(_ context: ChannelHandlerContext) {
        check = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: .seconds(1)) { [self] in
            check = nil
            if let since = waitingSince, isReserve || census.isUnderPressure,
                NIODeadline.now() - since >= .seconds(ConnectionCensus.pressureGraceSeconds)
            {
                context.close(promise: nil)
                return
            }
            scheduleCheck(context)
        }
    }
}

/// What a request's body stream ends with when the body did not arrive within
/// `limits.read_timeout_s` of its head (`ConnectionGuard`); `BodyReader` answers it with `408`.
struct RequestBodyTimeout: Error {}
