import HummingbirdTLS

/// Builds the TLS server configuration from the PEM files of `listen.tls`.
enum TLSFiles {
    /// - Throws: `SourceErrors` naming the file that cannot be read or parsed.
    static func serverConfiguration(_ files: TLSFilesConfiguration) throws -> TLSConfiguration {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(files.certificate)
        } catch {
            throw TLSFilesError(file: files.certificate, message: "cannot read the certificate chain (PEM): \(error)")
        }
        guard !certificates.isEmpty else { throw TLSFilesError(file: files.certificate, message: "no certificate in the file") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: files.privateKey, format: .pem)
        } catch {
            throw TLSFilesError(file: files.privateKey, message: "cannot read the private key (PEM): \(error)")
        }
        return TLSConfiguration.makeServerConfiguration(certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
    }
}

/// A TLS file that cannot be used, named so the operator knows which one.
struct TLSFilesError: Error, CustomStringConvertible {
    var file: String
    var message: String
    var description: String { "\(file): \(message)" }
}
