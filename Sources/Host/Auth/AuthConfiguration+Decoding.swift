import Transforms

extension ConfigurationDecoder {
    /// `auth: none`, `{username, password}` (Basic, or `_header:NAME`), or `{hmac: {...}}`.
    func auth(_ node: YAMLNode, at path: String) -> AuthConfiguration? {
        isReadingSecrets = true
        defer { isReadingSecrets = false }
        if case .scalar(let value, let text, _) = node.content {
            if case .string = value, text == "none" { return AuthConfiguration.none }
            fail(.wrongShape, "\(path): expected 'none', {username, password} or {hmac: {...}}, found \(node.kindName)", at: node.mark)
            return nil
        }
        guard case .mapping(let members) = node.content else {
            fail(.wrongShape, "\(path): expected 'none', {username, password} or {hmac: {...}}, found \(node.kindName)", at: node.mark)
            return nil
        }
        if members.contains(where: { $0.key == "hmac" }) {
            guard let keys = self.members(of: node, at: path, allowed: ["hmac"]), let hmacNode = keys["hmac"] else { return nil }
            return hmac(hmacNode, at: "\(path).hmac").map { .hmac($0) }
        }
        guard let keys = self.members(of: node, at: path, allowed: ["username", "password"]) else { return nil }
        guard let userNode = keys["username"], let passwordNode = keys["password"] else {
            fail(.invalidValue, "\(path): both 'username' and 'password' are required", at: node.mark)
            return nil
        }
        guard let username = nonEmptyString(userNode, at: "\(path).username"),
            let password = nonEmptyString(passwordNode, at: "\(path).password")
        else { return nil }
        if username.hasPrefix("_header:") {
            let name = String(username.dropFirst("_header:".count))
            guard isHeaderName(name) else {
                fail(.invalidValue, "\(path).username: '_header:' must be followed by a header name (letters, digits, '-')", at: userNode.mark)
                return nil
            }
            return .header(name: name, value: password)
        }
        guard !username.contains(":") else {
            fail(.invalidValue, "\(path).username: a Basic user name cannot contain ':'", at: userNode.mark)
            return nil
        }
        return .basic(username: username, password: password)
    }

    static let hmacKeys = ["preset", "header", "secret", "secrets", "algorithm", "prefix", "encoding", "timestamp_header", "tolerance_s", "signed"]

    /// `{hmac: {...}}`: a sender's `preset` or a `header`, the secrets, and keys that set the
    /// rest or, beside a preset, override it (SPEC §5).
    func hmac(_ node: YAMLNode, at path: String) -> HMACAuthConfiguration? {
        guard let keys = members(of: node, at: path, allowed: Self.hmacKeys) else { return nil }
        let errorsBefore = errors.count
        var preset: HMACPreset?
        if let presetNode = keys["preset"], let name = nonEmptyString(presetNode, at: "\(path).preset") {
            preset = HMACPreset(rawValue: name)
            if preset == nil {
                fail(.unknownName, "\(path).preset: unknown preset '\(name)' (known presets: \(HMACPreset.names))", at: presetNode.mark)
            }
        }
        let secrets = hmacSecrets(keys, node: node, at: path)
        var header = preset?.configuration(secrets: []).header
        if let headerNode = keys["header"], let name = nonEmptyString(headerNode, at: "\(path).header") {
            if isHeaderName(name) {
                header = name
            } else {
                fail(.invalidValue, "\(path).header: '\(name)' is not a header name", at: headerNode.mark)
            }
        } else if keys["header"] == nil, keys["preset"] == nil {
            fail(
                .missingKey, "\(path): 'preset' or 'header' is required (presets: \(HMACPreset.names); or the header that carries the signature)",
                at: node.mark)
        }
        guard let header else { return nil }
        var hmac = preset?.configuration(secrets: secrets) ?? HMACAuthConfiguration(header: header, secrets: secrets)
        hmac.header = header
        if let node = keys["timestamp_header"], let name = nonEmptyString(node, at: "\(path).timestamp_header") {
            if isHeaderName(name) {
                hmac.timestampHeader = name
            } else {
                fail(.invalidValue, "\(path).timestamp_header: '\(name)' is not a header name", at: node.mark)
            }
            if keys["signed"] == nil, preset == nil { hmac.signed = "{timestamp}.{body}" }
        }
        if let node = keys["algorithm"], let algorithm = choice(node, at: "\(path).algorithm", as: HMACAlgorithm.self) { hmac.algorithm = algorithm }
        if let node = keys["encoding"], let encoding = choice(node, at: "\(path).encoding", as: SignatureEncoding.self) { hmac.encoding = encoding }
        if let node = keys["prefix"], let prefix = string(node, at: "\(path).prefix") { hmac.prefix = prefix }
        if let node = keys["tolerance_s"], let seconds = integer(node, at: "\(path).tolerance_s", in: 1...86_400 * 7) {
            hmac.toleranceSeconds = seconds
        }
        if let node = keys["signed"], let template = nonEmptyString(node, at: "\(path).signed") { hmac.signed = template }
        checkSigned(hmac, node: keys["signed"] ?? node, at: keys["signed"] == nil ? path : "\(path).signed")
        if case .base64(let prefix) = hmac.secretFormat, hmac.secrets.contains(where: { hmac.secretFormat.key($0) == nil }) {
            fail(
                .invalidValue, "\(path).secret: this sender's secret is base64 after '\(prefix)' (copy it whole from the sender's settings)",
                at: (keys["secret"] ?? keys["secrets"] ?? node).mark)
        }
        return errors.count == errorsBefore ? hmac : nil
    }

    /// Exactly one of `secret` or `secrets` (a list, for rotation).
    private func hmacSecrets(_ keys: [String: YAMLNode], node: YAMLNode, at path: String) -> [String] {
        switch (keys["secret"], keys["secrets"]) {
        case (let one?, nil):
            return nonEmptyString(one, at: "\(path).secret").map { [$0] } ?? []
        case (nil, let many?):
            guard let list = stringList(many, at: "\(path).secrets") else { return [] }
            if list.isEmpty { fail(.invalidValue, "\(path).secrets: give at least one secret", at: many.mark) }
            return list
        default:
            fail(.invalidValue, "\(path): give exactly one of 'secret' or 'secrets' (a list, for rotation)", at: node.mark)
            return []
        }
    }

    /// The `signed` template names the body, and only parts the request will carry.
    private func checkSigned(_ hmac: HMACAuthConfiguration, node: YAMLNode, at path: String) {
        if !hmac.signed.contains("{body}") {
            fail(.invalidValue, "\(path): the template must contain {body}", at: node.mark)
        } else if hmac.signed.contains("{timestamp}"), !hmac.hasTimestamp {
            fail(.missingKey, "\(path): {timestamp} needs 'timestamp_header'", at: node.mark)
        } else if hmac.signed.contains("{id}"), hmac.idHeader == nil {
            fail(.invalidValue, "\(path): {id} is only known to the standard-webhooks preset (its webhook-id header)", at: node.mark)
        }
    }

    /// An HTTP field name (RFC 9110 token characters).
    func isHeaderName(_ name: String) -> Bool {
        let extra: Set<Character> = ["!", "#", "$", "%", "&", "'", "*", "+", "-", ".", "^", "_", "`", "|", "~"]
        return !name.isEmpty && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || extra.contains($0) }
    }
}
