import Transforms

extension ConfigurationDecoder {
    static let instanceKeys = [
        "name", "incident_type", "auth", "allow_unauthenticated", "store_samples", "samples_kept", "mappers",
        "on_mapping_error", "on_unmatched", "port",
    ]

    /// The `instances:` list, with the rules that involve several instances (unique names and
    /// ports) and the listener (`auth: none` off loopback).
    func instances(_ node: YAMLNode, listen: ListenConfiguration) -> [InstanceConfiguration] {
        if case .scalar(.null, _, _) = node.content { return [] }
        guard case .sequence(let items) = node.content else {
            fail(.wrongShape, "instances: expected a list, found \(node.kindName)", at: node.mark)
            return []
        }
        var result: [InstanceConfiguration] = []
        var nameMarks: [String: SourceMark] = [:]
        var portMarks: [Int: SourceMark] = [:]
        for (index, item) in items.enumerated() {
            guard let instance = instance(item, at: "instances[\(index)]", listen: listen) else { continue }
            if let first = nameMarks[instance.name] {
                fail(
                    .declaredTwice, "instances[\(index)].name: '\(instance.name)' is already the name of the instance at \(first)",
                    at: item["name"]?.mark ?? item.mark)
                continue
            }
            nameMarks[instance.name] = item["name"]?.mark ?? item.mark
            if let port = instance.port, port != 0 {
                let mark = item["port"]?.mark ?? item.mark
                if port == listen.port {
                    fail(.invalidValue, "instances[\(index)].port: \(port) is the main listener's port (listen.port)", at: mark)
                    continue
                }
                if let first = portMarks[port] {
                    fail(.declaredTwice, "instances[\(index)].port: \(port) is already the port of the instance at \(first)", at: mark)
                    continue
                }
                portMarks[port] = mark
            }
            result.append(instance)
        }
        return result
    }

    func instance(_ node: YAMLNode, at path: String, listen: ListenConfiguration) -> InstanceConfiguration? {
        guard let keys = members(of: node, at: path, allowed: Self.instanceKeys) else { return nil }
        let errorsBefore = errors.count
        guard let nameNode = keys["name"] else {
            fail(.missingKey, "\(path): 'name' is required", at: node.mark)
            return nil
        }
        guard let name = nonEmptyString(nameNode, at: "\(path).name") else { return nil }
        guard name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") })
        else {
            fail(.invalidValue, "\(path).name: '\(name)' may contain only letters, digits, '_' and '-'", at: nameNode.mark)
            return nil
        }
        guard let authNode = keys["auth"] else {
            fail(
                .invalidValue,
                "\(path): instance '\(name)' has no 'auth': an instance without auth does not start "
                    + "(write 'auth: none' to accept unauthenticated requests on a loopback listener)",
                at: node.mark)
            return nil
        }
        guard let auth = auth(authNode, at: "\(path).auth") else { return nil }
        var instance = InstanceConfiguration(name: name, auth: auth)
        if let node = keys["incident_type"], let type = nonEmptyString(node, at: "\(path).incident_type") { instance.incidentType = type }
        if let node = keys["allow_unauthenticated"], let flag = bool(node, at: "\(path).allow_unauthenticated") {
            instance.allowUnauthenticated = flag
        }
        if let node = keys["store_samples"], let flag = bool(node, at: "\(path).store_samples") { instance.storeSamples = flag }
        if let node = keys["samples_kept"], let count = integer(node, at: "\(path).samples_kept", in: 1...100_000) {
            instance.samplesKept = count
        }
        if let node = keys["mappers"] {
            if case .scalar(.null, _, _) = node.content {
                instance.mappers = []
            } else if let names = stringList(node, at: "\(path).mappers") {
                instance.mappers = names
            }
        }
        if let node = keys["on_mapping_error"], let policy = choice(node, at: "\(path).on_mapping_error", as: MappingErrorPolicy.self) {
            instance.onMappingError = policy
        }
        if let node = keys["on_unmatched"], let policy = choice(node, at: "\(path).on_unmatched", as: UnmatchedPayloadPolicy.self) {
            instance.onUnmatched = policy
        }
        if let node = keys["port"], let port = integer(node, at: "\(path).port", in: 0...65535) { instance.port = port }
        if case .none = auth, !listen.isLoopback, !instance.allowUnauthenticated {
            fail(
                .invalidValue,
                "\(path).auth: 'none' is allowed only on a loopback listener (listen.host is \(listen.host)); "
                    + "add 'allow_unauthenticated: true' to the instance to accept unauthenticated requests anyway",
                at: authNode.mark)
        }
        return errors.count == errorsBefore ? instance : nil
    }
}
