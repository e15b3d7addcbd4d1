import Transforms

extension ConfigurationDecoder {
    /// `auth: none`, `{username, password}` (Basic, or `_header:NAME`), or `{hmac: {...}}`.
    func auth(_ node: YAMLNode, at path: String) -> AuthConfiguration? {
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

    static let hmacKeys = ["header", "secret", "secrets", "algorithm", "prefix", "encoding", "timestamp_header", "tolerance_s", "signed"]

    func hmac(_ node: YAMLNode, at path: String) -> HMACAuthConfiguration? {
        guard let keys = members(of: node, at: path, allowed: Self.hmacKeys) else { return nil }
        let errorsBefore = errors.count
        guard let headerNode = keys["header"] else {
            fail(.missingKey, "\(path): 'header' is required (the header that carries the signature)", at: node.mark)
            return nil
        }
        let header = nonEmptyString(headerNode, at: "\(path).header")
        if let header, !isHeaderName(header) { fail(.invalidValue, "\(path).header: '\(header)' is not a header name", at: headerNode.mark) }
        var secrets: [String] = []
        switch (keys["secret"], keys["secrets"]) {
        case (let one?, nil):
            if let secret = nonEmptyString(one, at: "\(path).secret") { secrets = [secret] }
        case (nil, let many?):
            if let list = stringList(many, at: "\(path).secrets") {
                if list.isEmpty { fail(.invalidValue, "\(path).secrets: give at least one secret", at: many.mark) }
                secrets = list
            }
        default:
            fail(.invalidValue, "\(path): give exactly one of 'secret' or 'secrets' (a list, for rotation)", at: node.mark)
        }
        var timestampHeader: String?
        if let node = keys["timestamp_header"], let name = nonEmptyString(node, at: "\(path).timestamp_header") {
            if isHeaderName(name) { timestampHeader = name } else { fail(.invalidValue, "\(path).timestamp_header: '\(name)' is not a header name", at: node.mark) }
        }
        var signed: String?
        if let node = keys["signed"], let template = nonEmptyString(node, at: "\(path).signed") {
            if !template.contains("{body}") {
                fail(.invalidValue, "\(path).signed: the template must contain {body}", at: node.mark)
            } else if template.contains("{timestamp}"), timestampHeader == nil {
                fail(.missingKey, "\(path).signed: {timestamp} needs 'timestamp_header'", at: node.mark)
            }
            signed = template
        }
        guard let header, errors.count == errorsBefore else { return nil }
        var hmac = HMACAuthConfiguration(header: header, secrets: secrets, timestampHeader: timestampHeader, signed: signed)
        if let node = keys["algorithm"], let algorithm = choice(node, at: "\(path).algorithm", as: HMACAlgorithm.self) { hmac.algorithm = algorithm }
        if let node = keys["encoding"], let encoding = choice(node, at: "\(path).encoding", as: SignatureEncoding.self) { hmac.encoding = encoding }
        if let node = keys["prefix"], let prefix = string(node, at: "\(path).prefix") { hmac.prefix = prefix }
        if let node = keys["tolerance_s"], let seconds = integer(node, at: "\(path).tolerance_s", in: 1...86_400 * 7) {
            hmac.toleranceSeconds = seconds
        }
        return errors.count == errorsBefore ? hmac : nil
    }

    /// An HTTP field name (RFC 9110 token characters).
    func isHeaderName(_ name: String) -> Bool {
        let extra: Set<Character> = ["!", "#", "$", "%", "&", "'", "*", "+", "-", ".", "^", "_", "`", "|", "~"]
        return !name.isEmpty && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || extra.contains($0) }
    }
}
