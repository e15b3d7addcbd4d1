import Foundation
import Transforms

extension ConfigurationDecoder {
    static let actionKeys = ["name", "when", "request", "sign", "retry", "concurrency"]
    static let actionSelectionKeys = ["types", "min_severity", "instances"]
    static let actionRequestKeys = ["url", "method", "headers", "body", "timeout_s"]
    static let actionSignKeys = ["scheme", "secret"]
    static let actionRetryKeys = ["attempts", "initial_s", "max_s"]

    /// The `actions:` list (SPEC §13), with unique names.
    func actions(_ node: YAMLNode) -> [ActionConfiguration] {
        if case .scalar(.null, _, _) = node.content { return [] }
        guard case .sequence(let items) = node.content else {
            fail(.wrongShape, "actions: expected a list, found \(node.kindName)", at: node.mark)
            return []
        }
        var result: [ActionConfiguration] = []
        var nameMarks: [String: SourceMark] = [:]
        for (index, item) in items.enumerated() {
            guard let action = action(item, at: "actions[\(index)]") else { continue }
            let mark = item["name"]?.mark ?? item.mark
            if let first = nameMarks[action.name] {
                fail(.declaredTwice, "actions[\(index)].name: '\(action.name)' is already the name of the action at \(first)", at: mark)
                continue
            }
            nameMarks[action.name] = mark
            result.append(action)
        }
        return result
    }

    func action(_ node: YAMLNode, at path: String) -> ActionConfiguration? {
        guard let keys = members(of: node, at: path, allowed: Self.actionKeys) else { return nil }
        let errorsBefore = errors.count
        guard let nameNode = keys["name"], let requestNode = keys["request"] else {
            fail(.missingKey, "\(path): 'name' and 'request' are required", at: node.mark)
            return nil
        }
        guard let name = nonEmptyString(nameNode, at: "\(path).name") else { return nil }
        guard name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") })
        else {
            fail(.invalidValue, "\(path).name: '\(name)' may contain only letters, digits, '_' and '-'", at: nameNode.mark)
            return nil
        }
        guard let (request, timeout) = actionRequest(requestNode, at: "\(path).request") else { return nil }
        var action = ActionConfiguration(name: name, request: request, timeoutSeconds: timeout)
        if let node = keys["when"], let selection = actionSelection(node, at: "\(path).when") { action.selection = selection }
        if let node = keys["sign"] { action.signing = signer(node, at: "\(path).sign") }
        if let node = keys["retry"], let retry = retryPolicy(node, at: "\(path).retry") { action.retry = retry }
        if let node = keys["concurrency"], let count = integer(node, at: "\(path).concurrency", in: 1...256) { action.concurrency = count }
        return errors.count == errorsBefore ? action : nil
    }

    private func actionSelection(_ node: YAMLNode, at path: String) -> ActionSelection? {
        guard let keys = members(of: node, at: path, allowed: Self.actionSelectionKeys) else { return nil }
        var selection = ActionSelection()
        if let node = keys["types"], let types = stringList(node, at: "\(path).types") {
            selection.types = Set(types)
            selection.typesMark = node.mark
        }
        if let node = keys["instances"], let names = stringList(node, at: "\(path).instances") { selection.instances = Set(names) }
        if let node = keys["min_severity"] {
            if case .scalar(.string(let text), _, _) = node.content, let level = Severity.names.firstIndex(of: text.lowercased()) {
                selection.minimumSeverity = level
            } else if let level = integer(node, at: "\(path).min_severity", in: 0...4) {
                selection.minimumSeverity = level
            }
        }
        return selection
    }

    private func actionRequest(_ node: YAMLNode, at path: String) -> (ActionRequestTemplate, timeout: Int)? {
        guard let keys = members(of: node, at: path, allowed: Self.actionRequestKeys) else { return nil }
        guard let urlNode = keys["url"] else {
            fail(.missingKey, "\(path): 'url' is required (an http:// or https:// URL)", at: node.mark)
            return nil
        }
        guard let url = configuredText(urlNode, at: "\(path).url") else { return nil }
        guard
            url.isUnresolved
                || URL(string: url.value).map({ parsed in
                    ["http", "https"].contains(parsed.scheme?.lowercased() ?? "") && parsed.host != nil
                }) == true
        else {
            fail(.invalidValue, "\(path).url: '\(url.shown)' is not an http:// or https:// URL", at: urlNode.mark)
            return nil
        }
        var request = ActionRequestTemplate(url: url)
        if let node = keys["method"], let method = string(node, at: "\(path).method") {
            if ActionRequestTemplate.methods.contains(method.uppercased()) {
                request.method = method.uppercased()
            } else {
                fail(
                    .invalidValue, "\(path).method: '\(method)' is not one of: \(ActionRequestTemplate.methods.joined(separator: ", "))",
                    at: node.mark)
            }
        }
        if let node = keys["headers"] { request.headers = actionHeaders(node, at: "\(path).headers") }
        if let node = keys["body"] { request.body = bodyTemplate(node, at: "\(path).body") }
        var timeout = 10
        if let node = keys["timeout_s"], let seconds = integer(node, at: "\(path).timeout_s", in: 1...600) { timeout = seconds }
        return (request, timeout)
    }

    private func actionHeaders(_ node: YAMLNode, at path: String) -> [(name: String, value: ConfiguredText)] {
        guard case .mapping(let members) = node.content else {
            fail(.wrongShape, "\(path): expected a map of header names to values, found \(node.kindName)", at: node.mark)
            return []
        }
        var headers: [(name: String, value: ConfiguredText)] = []
        for member in members {
            guard isHeaderName(member.key) else {
                fail(.invalidValue, "\(path): '\(member.key)' is not a header name", at: member.keyMark)
                continue
            }
            guard let value = configuredText(member.value, at: "\(join(path, member.key))") else { continue }
            guard !value.value.contains(where: { $0 == "\r" || $0 == "\n" }) else {
                fail(.invalidValue, "\(join(path, member.key)): a header value cannot contain a line break", at: member.value.mark)
                continue
            }
            headers.append((member.key, value))
        }
        return headers
    }

    /// `body:`: a JSON template, or the name of a ready-made one; nil (with no error) for
    /// `incident`, which sends the incident JSON as no `body:` does.
    private func bodyTemplate(_ node: YAMLNode, at path: String) -> BodyTemplate? {
        guard case .scalar(.string(let shape), _, false) = node.content else { return template(node, at: path) }
        switch shape {
        case "incident": return nil
        case "slack": return ActionShapes.slack
        default:
            fail(
                .invalidValue,
                "\(path): '\(shape)' is not a ready-made body (known: \(ActionShapes.names.joined(separator: ", "))); "
                    + "write a JSON map or list, or quote a string", at: node.mark)
            return nil
        }
    }

    private func template(_ node: YAMLNode, at path: String) -> BodyTemplate? {
        switch node.content {
        case .scalar(.string, _, _):
            guard let text = string(node, at: path) else { return nil }
            do {
                let template = try TextTemplate(text)
                return template.isTemplate ? .text(template) : .value(.string(text))
            } catch {
                fail(.invalidValue, "\(path): \(error.message)", at: node.mark)
                return nil
            }
        case .scalar(let value, _, _):
            return .value(value)
        case .sequence(let items):
            let templates = items.enumerated().compactMap { template($1, at: "\(path)[\($0)]") }
            return templates.count == items.count ? .array(templates) : nil
        case .mapping(let members):
            let templates = members.compactMap { member in template(member.value, at: join(path, member.key)).map { (member.key, $0) } }
            return templates.count == members.count ? .object(templates) : nil
        }
    }

    private func signer(_ node: YAMLNode, at path: String) -> StandardWebhookSigner? {
        guard let keys = members(of: node, at: path, allowed: Self.actionSignKeys) else { return nil }
        if let scheme = keys["scheme"], let text = string(scheme, at: "\(path).scheme"), text != "standard-webhooks" {
            fail(.invalidValue, "\(path).scheme: '\(text)' is not a known scheme (known: standard-webhooks)", at: scheme.mark)
            return nil
        }
        guard let secretNode = keys["secret"] else {
            fail(.missingKey, "\(path): 'secret' is required (whsec_ followed by base64, e.g. from `openssl rand -base64 32`)", at: node.mark)
            return nil
        }
        guard let secret = configuredText(secretNode, at: "\(path).secret") else { return nil }
        if secret.isUnresolved { return StandardWebhookSigner(unresolved: secret) }
        guard let signer = StandardWebhookSigner(secret: secret) else {
            fail(
                .invalidValue,
                "\(path).secret: expected whsec_ followed by the base64 of at least \(StandardWebhookSigner.minimumKeyBytes) bytes "
                    + "(make one with: echo whsec_$(openssl rand -base64 32))", at: secretNode.mark)
            return nil
        }
        return signer
    }

    private func retryPolicy(_ node: YAMLNode, at path: String) -> RetryPolicy? {
        guard let keys = members(of: node, at: path, allowed: Self.actionRetryKeys) else { return nil }
        var retry = RetryPolicy()
        if let node = keys["attempts"], let attempts = integer(node, at: "\(path).attempts", in: 1...100) { retry.attempts = attempts }
        if let node = keys["initial_s"], let seconds = integer(node, at: "\(path).initial_s", in: 1...86_400) {
            retry.initialSeconds = Double(seconds)
        }
        if let node = keys["max_s"], let seconds = integer(node, at: "\(path).max_s", in: 1...86_400) { retry.maximumSeconds = Double(seconds) }
        if retry.maximumSeconds < retry.initialSeconds {
            fail(.invalidValue, "\(path).max_s: must be at least initial_s (\(Int(retry.initialSeconds)))", at: keys["max_s"]?.mark ?? node.mark)
            return nil
        }
        return retry
    }

    /// A string with `${NAME}` substituted, and as written when it named a variable. Read as a
    /// secret: outside `intake serve` an unset variable stays as written (`isUnresolved`).
    private func configuredText(_ node: YAMLNode, at path: String) -> ConfiguredText? {
        isReadingSecrets = true
        defer { isReadingSecrets = false }
        guard let value = nonEmptyString(node, at: path) else { return nil }
        if case .scalar(.string, let written, _) = node.content, written.contains("${") {
            return ConfiguredText(value: value, shown: written)
        }
        return ConfiguredText(value)
    }
}
