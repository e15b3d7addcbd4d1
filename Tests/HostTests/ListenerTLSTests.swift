import Foundation
import Testing
import Transforms

@testable import Host

/// HTTPS from `listen.tls` PEM files: a self-signed certificate made by openssl, and curl
/// trusting exactly that certificate.
@Suite(.serialized) struct ListenerTLSTests {
    static let tools = (openssl: TestProcess.find("openssl"), curl: TestProcess.find("curl"))

    @Test(.enabled(if: tools.openssl != nil && tools.curl != nil, "needs openssl and curl (scripts/install-deps.sh installs curl)"))
    func servesHTTPSWithTheConfiguredCertificate() async throws {
        let config = """
            listen: { host: 127.0.0.1, port: 0, tls: { certificate: tls/cert.pem, private_key: tls/key.pem } }
            instances:
              - { name: forms, auth: none }
            """
        let openssl = try #require(Self.tools.openssl)
        let curl = try #require(Self.tools.curl)
        var tlsFolder: URL?
        let made = try await Self.makeCertificate(openssl: openssl)
        try await TestServer.with(
            config,
            prepare: { folder in
                let target = folder.appendingPathComponent("tls")
                try FileManager.default.copyItem(at: made, to: target)
                tlsFolder = target
            }
        ) { server in
            let cert = try #require(tlsFolder).appendingPathComponent("cert.pem").path
            let result = try await TestProcess.run(
                curl,
                [
                    "-sS", "--cacert", cert, "-X", "POST", "-H", "Content-Type: application/json", "--data", #"{"name": "over tls"}"#,
                    "-w", "\n%{http_code}", "https://127.0.0.1:\(server.port)/instance/execute/forms",
                ])
            #expect(result.status == 0, "\(result.error)")
            let lines = result.output.split(separator: "\n")
            #expect(lines.last == "200")
            let body = try JSON.parse(String(lines.first ?? ""))
            #expect(body.arrayValue?.first?.objectValue?["name"] == "over tls")
            // Without trusting the certificate, curl refuses the connection.
            let untrusted = try await TestProcess.run(curl, ["-sS", "-o", "/dev/null", "https://127.0.0.1:\(server.port)/healthz"])
            #expect(untrusted.status != 0)
            // Plain HTTP to the TLS port gets no HTTP answer.
            let plain = try? await TestHTTP.send(port: server.port, "GET", "/healthz", body: "")
            #expect(plain?.status != 200)
        }
        try? FileManager.default.removeItem(at: made)
    }

    @Test func unreadableCertificateFilesAreNamed() throws {
        let files = TLSFilesConfiguration(certificate: "/nonexistent/cert.pem", privateKey: "/nonexistent/key.pem")
        #expect(throws: TLSFilesError.self) { try TLSFiles.serverConfiguration(files) }
        do {
            _ = try TLSFiles.serverConfiguration(files)
        } catch let error as TLSFilesError {
            #expect(error.description.hasPrefix("/nonexistent/cert.pem: "))
        }
    }

    /// A self-signed certificate for 127.0.0.1 in a new folder.
    static func makeCertificate(openssl: String) async throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("intake-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result = try await TestProcess.run(
            openssl,
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", folder.appendingPathComponent("key.pem").path, "-out", folder.appendingPathComponent("cert.pem").path,
                "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            ])
        guard result.status == 0 else { throw TestServerFailure(description: "openssl failed: \(result.error)") }
        return folder
    }
}
