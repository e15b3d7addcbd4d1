import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Transforms

/// One attempt of one delivery: render the request, send it, and say what came of it.
struct DeliveryAttempt {
    let action: ActionConfiguration
    let client: HTTPClient

    /// What the receiver answered, or why nothing was answered.
    struct Result {
        /// `HTTP 204`, `timed out after 10 s`, `connection refused`.
        var description: String
        var succeeded: Bool
        /// The receiver's `Retry-After`, in seconds.
        var retryAfter: Double?
    }

    /// The most bytes of a response body read (and dropped): receivers answer with a few.
    static let maximumResponseBytes = 64 * 1024

    func send(_ delivery: Delivery, incident: StoredIncident, now: Instant) async -> Result {
        let text = incident.jsonText()
        let json = (try? JSON.parse(text)) ?? .null
        let rendered = action.render(incident: json, incidentText: text, deliveryKey: delivery.key, timestamp: now.millisecondsSinceEpoch / 1000)
        var request = HTTPClientRequest(url: rendered.url.value)
        request.method = HTTPMethod(rawValue: rendered.method)
        for header in rendered.headers { request.headers.add(name: header.name, value: header.value.value) }
        request.body = .bytes(ByteBuffer(bytes: rendered.body))
        let timeout = TimeAmount.seconds(Int64(action.timeoutSeconds))
        do {
            let deadline = NIODeadline.now() + timeout
            let response = try await client.execute(request, deadline: deadline)
            // Reading the body to its end lets the connection be reused; a receiver that
            // streams forever is cut off at the same deadline.
            _ = try? await response.body.collect(upTo: Self.maximumResponseBytes)
            let retryAfter = response.headers.first(name: "retry-after").flatMap { RetryAfter.seconds($0, now: Date()) }
            return Result(
                description: "HTTP \(response.status.code)", succeeded: (200..<300).contains(response.status.code), retryAfter: retryAfter)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return Result(description: "timed out after \(action.timeoutSeconds) s", succeeded: false)
        } catch {
            return Result(description: Self.describe(error), succeeded: false)
        }
    }

    /// A failure in a few words, never with the URL (it may hold a secret).
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .remoteConnectionClosed: return "connection closed by the receiver"
            case .cancelled: return "cancelled"
            default: return "HTTP client error: \(error.shortDescription)"
            }
        }
        let text = "\(error)"
        if text.contains("refused") { return "connection refused" }
        return "cannot connect: \(type(of: error))"
    }
}
