import Transforms

/// The request one attempt of a delivery sends: an action's template filled in for one
/// incident, with the delivery's headers and, when the action signs, its signature.
package struct RenderedRequest: Sendable {
    package var method: String
    package var url: ConfiguredText
    package var headers: [(name: String, value: ConfiguredText)]
    package var body: [UInt8]

    /// The request as `intake dry-run` shows it: secrets as written (`${NAME}`), the body as
    /// JSON when it is JSON.
    package var shownJSON: JSON {
        var headerObject = JSONObject()
        for header in headers { headerObject[header.name] = .string(header.value.shown) }
        let text = String(decoding: body, as: UTF8.self)
        return [
            "method": .string(method), "url": .string(url.shown), "headers": .object(headerObject),
            "body": (try? JSON.parse(text)) ?? .string(text),
        ]
    }
}

extension ActionConfiguration {
    /// The request for one attempt of a delivery of this action.
    ///
    /// - Parameters:
    ///   - incident: the incident JSON of SPEC §7 as parsed, for the templates.
    ///   - incidentText: the same as text, sent verbatim when the action has no `body:`.
    ///   - deliveryKey: the delivery's stable id (`webhook-id`, `Idempotency-Key`).
    ///   - timestamp: the attempt's time, in seconds since 1970 (`webhook-timestamp`).
    package func render(incident: JSON, incidentText: String, deliveryKey: String, timestamp: Int64) -> RenderedRequest {
        let body: [UInt8]
        if let template = request.body {
            body = Array(template.render(incident).serialized().utf8)
        } else {
            body = Array(incidentText.utf8)
        }
        var headers: [(name: String, value: ConfiguredText)] = [
            ("Content-Type", ConfiguredText("application/json")),
            ("User-Agent", ConfiguredText("intake")),
            ("Idempotency-Key", ConfiguredText(deliveryKey)),
        ]
        headers.removeAll { fixed in request.headers.contains { $0.name.lowercased() == fixed.name.lowercased() } }
        headers += request.headers
        if let signing {
            headers += [
                ("webhook-id", ConfiguredText(deliveryKey)),
                ("webhook-timestamp", ConfiguredText(String(timestamp))),
                ("webhook-signature", ConfiguredText(signing.signature(id: deliveryKey, timestamp: timestamp, body: body))),
            ]
        }
        return RenderedRequest(method: request.method, url: request.url, headers: headers, body: body)
    }
}
