import Foundation
import NIOCore
import NIOPosix
import Transforms

/// A raw HTTP/1.1 client over a real loopback socket, for the listener tests.
///
/// Raw bytes (rather than URLSession) let a test send exactly what it means: a head that
/// announces a huge body and then no body, a body in two halves with a signal in between,
/// a method or content type URLSession would rewrite.
enum TestHTTP {
    struct Response: CustomStringConvertible {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: JSON? { try? JSON.parse(bytes: body) }
        var description: String { "\(status) \(text)" }
    }

    /// The bytes of a request with `Content-Length` and `Connection: close`.
    static func requestBytes(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = [], contentLength: Int? = nil,
        keepAlive: Bool = false
    ) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (keepAlive ? "" : "Connection: close\r\n")
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if method != "GET" || !body.isEmpty { head += "Content-Length: \(contentLength ?? body.count)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + body
    }

    static func send(
        port: Int, _ method: String, _ path: String, headers: [(String, String)] = [], body: String, within: Duration? = nil
    ) async throws -> Response {
        try await exchange(port: port, parts: [requestBytes(method, path, headers: headers, body: Array(body.utf8))], within: within)
    }

    static func post(
        port: Int, _ path: String, json: String, headers: [(String, String)] = [], within: Duration? = nil
    ) async throws -> Response {
        try await send(port: port, "POST", path, headers: [("Content-Type", "application/json")] + headers, body: json, within: within)
    }

    /// The server did not answer within the time the test allowed (`within:`).
    struct NoAnswer: Error, CustomStringConvertible {
        var limit: Duration
        var description: String { "no answer within \(limit)" }
    }

    /// Writes `parts` in turn (calling `between` after the first), then reads the response
    /// until the server closes the connection. A write the server refused by closing early
    /// is not an error: the response already sent is what counts. With `within`, a server
    /// that has not answered by then gets its connection closed and the call throws `NoAnswer`,
    /// so a test of a server that may hang fails instead of hanging with it.
    static func exchange(
        port: Int, parts: [[UInt8]], between: @escaping @Sendable () async throws -> Void = {}, within: Duration? = nil
    ) async throws -> Response {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                        wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
                }
            }
        let started = ContinuousClock.now
        let timer = within.map { limit in
            channel.channel.eventLoop.scheduleTask(in: .nanoseconds(Int64(limit / .nanoseconds(1)))) { [channel = channel.channel] in
                channel.close(promise: nil)
            }
        }
        defer { timer?.cancel() }
        let received: [UInt8] = try await channel.executeThenClose { inbound, outbound in
            for (index, part) in parts.enumerated() {
                do { try await outbound.write(ByteBuffer(bytes: part)) } catch { break }
                if index == 0 { try await between() }
            }
            var bytes: [UInt8] = []
            do {
                for try await buffer in inbound { bytes += buffer.readableBytesView }
            } catch  where !bytes.isEmpty {
                // A reset after the response (the server closed while we were still sending).
            }
            return bytes
        }
        do {
            return try parse(received)
        } catch {
            if let within, ContinuousClock.now - started >= within { throw NoAnswer(limit: within) }
            throw error
        }
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ bytes: [UInt8]) throws -> Response {
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { bytes[$0..<$0 + 4].elementsEqual([13, 10, 13, 10]) }) else {
            throw Malformed(description: "no complete response head in \(bytes.count) bytes: \(String(decoding: bytes, as: UTF8.self))")
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Malformed(description: "bad status line \(lines[0])") }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var body = Array(bytes[(end + 4)...])
        if let length = headers.first(where: { $0.name.lowercased() == "content-length" }).flatMap({ Int($0.value) }) {
            body = Array(body.prefix(length))
        }
        return Response(status: status, headers: headers, body: body)
    }
}
