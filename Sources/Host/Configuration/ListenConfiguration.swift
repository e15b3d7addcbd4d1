/// Where the listener binds (`listen:`).
package struct ListenConfiguration: Sendable, Equatable {
    /// The address to bind. Default: `127.0.0.1`, so a fresh install is not reachable from
    /// the network until someone decides it should be.
    package var host: String = "127.0.0.1"
    /// The TCP port. Default: 8000. `0` binds a free port chosen by the system (it is logged);
    /// tests use it.
    package var port: Int = 8000
    /// Serve HTTPS with these files instead of plain HTTP. Default: none (plain HTTP).
    package var tls: TLSFilesConfiguration?

    package init(host: String = "127.0.0.1", port: Int = 8000, tls: TLSFilesConfiguration? = nil) {
        self.host = host
        self.port = port
        self.tls = tls
    }

    /// Whether `host` only accepts connections from this machine (`127.0.0.0/8`, `::1`,
    /// `localhost`).
    ///
    /// `auth: none` is allowed only then (SPEC §5): an unauthenticated endpoint on a public
    /// address is an open door unless the operator says so explicitly.
    package var isLoopback: Bool {
        let host = host.lowercased()
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}

/// The certificate chain and private key of an HTTPS listener, as PEM files.
package struct TLSFilesConfiguration: Sendable, Equatable {
    /// The certificate chain (leaf first), PEM; resolved from the config file's folder.
    package var certificate: String
    /// The private key, PEM; resolved from the config file's folder.
    package var privateKey: String

    package init(certificate: String, privateKey: String) {
        self.certificate = certificate
        self.privateKey = privateKey
    }
}
