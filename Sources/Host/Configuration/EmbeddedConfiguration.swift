/// The embedded default configuration, so `intake serve` runs with no file at all.
///
/// It is the same text as `intake.yaml` at the repository root (a test keeps the two equal):
/// the file is what users copy and read, this constant is what the binary runs.
enum EmbeddedConfiguration {
    static let text = """
        # The embedded default configuration: what `intake serve` runs with no --config.
        # The binary carries this same text (Sources/Host/Configuration/EmbeddedConfiguration.swift),
        # so it runs with no file; copy this file to start your own. Relative paths are resolved from
        # the folder of the configuration file (for the embedded default: the current folder).
        listen: { host: 127.0.0.1, port: 8000 }   # tls: { certificate: cert.pem, private_key: key.pem }
        storage: { sqlite: intake.db }            # or { postgres: "postgres://user:pw@host:5432/intake" }
        mappers: mappers                          # folder of mapper and incident-type files
        limits: { max_body_bytes: 1048576, max_json_depth: 64, max_payloads_per_request: 1000 }
        instances:
          - name: forms
            incident_type: Unclassified
            auth: none                            # allowed because the listener is on loopback
            store_samples: true
            mappers: [google-forms-sheets, google-forms-script]
            on_mapping_error: quarantine

        """
}
