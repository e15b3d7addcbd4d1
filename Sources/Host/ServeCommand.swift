import ArgumentParser

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the webhook listener (the embedded default configuration without --config)."
    )

    @Option(help: "The configuration file (default: the embedded intake.yaml).")
    var config: String?

    func run() async throws {
        print("intake serve: the listener is not built yet (issue 4); it will listen on 127.0.0.1:8000.")
    }
}
