import ArgumentParser
import Transforms

/// `intake instances`: each configured instance's webhook URLs, auth kind and a ready `curl`
/// line (SPEC §12), what the reference product shows on an instance's page.
struct InstancesCommand: EnvironmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "instances",
        abstract: "Print each instance's webhook URL(s), auth kind and a ready curl line.",
        discussion: "Secrets are printed as the configuration writes them (${VAR} expands in the shell). Exit status: 0, 2 a configuration error.")

    @OptionGroup var options: ConfigurationOptions

    @Flag(help: "Print a JSON array instead of text.")
    var json = false

    func run(in environment: IntakeEnvironment) async throws {
        try CLIFailure.exit(
            await CLIFailure.reportingAsync {
                let configuration = try CLIConfiguration.load(options.config)
                let endpoints = configuration.instances.map {
                    InstanceEndpoint($0, listen: configuration.listen, port: configuration.listen.port, ownPort: $0.port)
                }
                if json {
                    StoredJSON.print(.array(endpoints.map(\.json)))
                } else {
                    print(
                        endpoints.map { endpoint in
                            (["\(endpoint.name) (auth: \(endpoint.auth))"] + endpoint.urls.map { "  \($0)" } + ["  \(endpoint.curl)"])
                                .joined(separator: "\n")
                        }.joined(separator: "\n\n"))
                }
                return 0
            })
    }
}
