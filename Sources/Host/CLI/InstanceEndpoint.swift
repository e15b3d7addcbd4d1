import Transforms

/// Where and how a sender reaches one instance (SPEC §12 "Commands"): its webhook URLs, its
/// auth kind and a ready `curl` line, for `intake instances` and the log of `intake serve`.
struct InstanceEndpoint {
    var name: String
    /// `…/instance/execute/NAME` on the main listener, then `…/` on the instance's own port.
    var urls: [String]
    /// `none`, `basic`, `header NAME`, `hmac HEADER` (or `hmac preset`).
    var auth: String
    /// A command that posts `payload.json`; secrets as the configuration writes them, so a
    /// `${FORMS_TOKEN}` expands in the shell rather than being printed.
    var curl: String

    /// - Parameters:
    ///   - port: the main listener's port (the bound one when the configuration says `0`).
    ///   - ownPort: the instance's own port, bound, if it has one.
    init(_ instance: InstanceConfiguration, listen: ListenConfiguration, port: Int, ownPort: Int?) {
        let scheme = listen.tls == nil ? "http" : "https"
        // A wildcard bind is reached through loopback from this machine.
        let wildcard = ["0.0.0.0", "::", "[::]"].contains(listen.host)
        let bare = wildcard ? "127.0.0.1" : listen.host
        let host = bare.contains(":") && !bare.hasPrefix("[") ? "[\(bare)]" : bare
        name = instance.name
        urls = ["\(scheme)://\(host):\(port)/instance/execute/\(instance.name)"] + (ownPort.map { ["\(scheme)://\(host):\($0)/"] } ?? [])
        var parts = ["curl -s -X POST '\(urls[0])'", "-H 'Content-Type: application/json'"]
        switch instance.auth {
        case .none:
            auth = "none"
        case .basic(let username, let password):
            auth = "basic"
            parts.append("-u \"\(username):\(password)\"")
        case .header(let header, let value):
            auth = "header \(header)"
            parts.append("-H \"\(header): \(value)\"")
        case .hmac(let hmac):
            auth = "hmac \(hmac.header)"
            parts.append("-H '\(hmac.header): \(hmac.prefix)<HMAC of the body>'")
        }
        parts.append("--data @payload.json")
        curl = parts.joined(separator: " ")
    }

    var json: JSON {
        ["name": .string(name), "urls": .array(urls.map(JSON.string)), "auth": .string(auth), "curl": .string(curl)]
    }
}
