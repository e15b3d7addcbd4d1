import Foundation
import Transforms

extension IntakeConfiguration {
    /// The label used in marks for the embedded default.
    package static let embeddedSource = "<embedded intake.yaml>"

    /// Loads a configuration file; relative paths are resolved from its folder.
    ///
    /// - Throws: `SourceErrors` with every mistake as `file:line:column: message`.
    package static func load(
        contentsOf file: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        resolvingSecrets: Bool = true
    ) throws(SourceErrors) -> IntakeConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw SourceErrors([
                SourceError(
                    .unreadable, "cannot read the configuration file: \(error.localizedDescription)", at: SourceMark(file: file, line: 1, column: 1))
            ])
        }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        return try parse(text, file: file, baseDirectory: folder, environment: environment, resolvingSecrets: resolvingSecrets)
    }

    /// The embedded default (`intake serve` without `--config`), resolved from the current folder.
    package static func embeddedDefault(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath, resolvingSecrets: Bool = true
    ) throws(SourceErrors) -> IntakeConfiguration {
        var configuration = try parse(
            EmbeddedConfiguration.text, file: embeddedSource, baseDirectory: currentDirectory, environment: environment,
            resolvingSecrets: resolvingSecrets)
        configuration.isEmbeddedDefault = true
        return configuration
    }

    /// Parses configuration text.
    ///
    /// - Parameters:
    ///   - file: The name used in marks.
    ///   - baseDirectory: The folder relative paths are resolved from.
    ///   - environment: The variables `${NAME}` reads.
    ///   - resolvingSecrets: false for commands that do not listen: `${NAME}` in `auth:` may
    ///     then be unset (SPEC §12).
    package static func parse(
        _ text: String, file: String, baseDirectory: String, environment: [String: String], resolvingSecrets: Bool = true
    ) throws(SourceErrors) -> IntakeConfiguration {
        let root: YAMLNode
        do { root = try YAMLLoader.load(text, file: file) } catch {
            throw SourceErrors([error])
        }
        let decoder = ConfigurationDecoder(environment: environment, baseDirectory: baseDirectory, resolvesSecrets: resolvingSecrets)
        let configuration = decoder.configuration(root, source: file)
        guard decoder.errors.isEmpty, let configuration else { throw SourceErrors(decoder.errors) }
        return configuration
    }
}

extension ConfigurationDecoder {
    static let topLevelKeys = ["listen", "storage", "mappers", "admin", "limits", "plugins", "instances", "actions"]
    static let listenKeys = ["host", "port", "tls"]
    static let tlsKeys = ["certificate", "private_key"]
    static let storageKeys = ["sqlite", "postgres"]
    static let adminKeys = ["token"]
    static let limitKeys = [
        "max_body_bytes", "max_json_depth", "max_payloads_per_request", "max_header_bytes",
        "idle_timeout_s", "read_timeout_s", "max_connections", "max_remembered_signatures",
        "max_quarantine_bytes",
    ]

    /// The whole file; nil when anything was wrong (see `errors`).
    func configuration(_ root: YAMLNode, source: String) -> IntakeConfiguration? {
        if case .scalar(.null, _, _) = root.content {
            fail(.wrongShape, "the configuration is empty: expected a map with keys \(Self.topLevelKeys.joined(separator: ", "))", at: root.mark)
            return nil
        }
        guard let keys = members(of: root, at: "", allowed: Self.topLevelKeys) else { return nil }
        var configuration = IntakeConfiguration(storage: .sqlite(path: resolve("intake.db")), mappers: resolve("mappers"), source: source)
        if let node = keys["listen"], let listen = listen(node) { configuration.listen = listen }
        if let node = keys["storage"], let storage = storage(node) { configuration.storage = storage }
        if let node = keys["mappers"], let folder = path(node, at: "mappers") { configuration.mappers = folder }
        if let node = keys["admin"], let admin = admin(node) { configuration.admin = admin }
        if let node = keys["limits"], let limits = limits(node) { configuration.limits = limits }
        if let node = keys["plugins"], let plugins = plugins(node) { configuration.plugins = plugins }
        if let node = keys["instances"] { configuration.instances = instances(node, listen: configuration.listen) }
        if let node = keys["actions"] {
            configuration.actions = actions(node)
            checkActionInstances(configuration, node)
        }
        return configuration
    }

    /// An action's `when.instances` names only declared instances.
    private func checkActionInstances(_ configuration: IntakeConfiguration, _ node: YAMLNode) {
        guard case .sequence(let items) = node.content else { return }
        let declared = Set(configuration.instances.map(\.name))
        for (index, item) in items.enumerated() {
            guard let list = item["when"]?["instances"], case .sequence(let names) = list.content else { continue }
            for name in names {
                guard case .scalar(.string(let text), _, _) = name.content, !declared.contains(text) else { continue }
                fail(.unknownName, "actions[\(index)].when.instances: no instance named '\(text)'", at: name.mark)
            }
        }
    }

    func listen(_ node: YAMLNode) -> ListenConfiguration? {
        guard let keys = members(of: node, at: "listen", allowed: Self.listenKeys) else { return nil }
        var listen = ListenConfiguration()
        if let node = keys["host"], let host = nonEmptyString(node, at: "listen.host") { listen.host = host }
        if let node = keys["port"], let port = integer(node, at: "listen.port", in: 0...65535) { listen.port = port }
        if let node = keys["tls"], let tlsKeys = members(of: node, at: "listen.tls", allowed: Self.tlsKeys) {
            let certificate = tlsKeys["certificate"].flatMap { path($0, at: "listen.tls.certificate") }
            let key = tlsKeys["private_key"].flatMap { path($0, at: "listen.tls.private_key") }
            if tlsKeys["certificate"] == nil { fail(.missingKey, "listen.tls: 'certificate' is required (a PEM file)", at: node.mark) }
            if tlsKeys["private_key"] == nil { fail(.missingKey, "listen.tls: 'private_key' is required (a PEM file)", at: node.mark) }
            if let certificate, let key { listen.tls = TLSFilesConfiguration(certificate: certificate, privateKey: key) }
        }
        return listen
    }

    func storage(_ node: YAMLNode) -> StorageConfiguration? {
        guard let keys = members(of: node, at: "storage", allowed: Self.storageKeys) else { return nil }
        switch (keys["sqlite"], keys["postgres"]) {
        case (let sqlite?, nil):
            return path(sqlite, at: "storage.sqlite").map { .sqlite(path: $0) }
        case (nil, let postgres?):
            guard let url = nonEmptyString(postgres, at: "storage.postgres") else { return nil }
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                fail(.wrongShape, "storage.postgres: expected a URL such as postgres://user:password@host:5432/intake", at: postgres.mark)
                return nil
            }
            do {
                _ = try PostgresURL(url)
            } catch {
                fail(.invalidValue, error.description, at: postgres.mark)
                return nil
            }
            return .postgres(url: url)
        default:
            fail(.invalidValue, "storage: give exactly one of 'sqlite: FILE' or 'postgres: URL'", at: node.mark)
            return nil
        }
    }

    func admin(_ node: YAMLNode) -> AdminConfiguration? {
        guard let keys = members(of: node, at: "admin", allowed: Self.adminKeys) else { return nil }
        return AdminConfiguration(token: keys["token"].flatMap { nonEmptyString($0, at: "admin.token") })
    }

    func limits(_ node: YAMLNode) -> LimitsConfiguration? {
        guard let keys = members(of: node, at: "limits", allowed: Self.limitKeys) else { return nil }
        var limits = LimitsConfiguration()
        func read(_ key: String, _ range: ClosedRange<Int>, into value: inout Int) {
            if let node = keys[key], let number = integer(node, at: "limits.\(key)", in: range) { value = number }
        }
        read("max_body_bytes", 1...(1 << 40), into: &limits.maxBodyBytes)
        read("max_json_depth", 1...10_000, into: &limits.maxJSONDepth)
        read("max_payloads_per_request", 1...Int.max, into: &limits.maxPayloadsPerRequest)
        read("max_header_bytes", 1024...(16 << 20), into: &limits.maxHeaderBytes)
        read("idle_timeout_s", 1...86_400, into: &limits.idleTimeoutSeconds)
        read("read_timeout_s", 1...86_400, into: &limits.readTimeoutSeconds)
        read("max_connections", 1...1_000_000, into: &limits.maxConnections)
        read("max_remembered_signatures", 1...100_000_000, into: &limits.maxRememberedSignatures)
        read("max_quarantine_bytes", 1...(1 << 50), into: &limits.maxQuarantineBytes)
        return limits
    }
}
