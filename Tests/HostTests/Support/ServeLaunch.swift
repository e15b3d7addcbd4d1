import Foundation

/// `intake serve --config FILE [ARGUMENTS]` started as a child process, its standard error
/// captured, and the port it listens on read from its log: the one way the process tests start
/// a listener (ActionCrashTests, ListenerReloadTests, ListenerShutdownTests, TourTests, the
/// shared-database tests).
struct ServeLaunch {
    let process: Process
    let log: LogCapture
    let port: Int
    /// The exit status, once the process has ended.
    let exitStatuses: AsyncStream<Int32>

    /// Starts the listener and waits until it logs its port; a listener that never does is
    /// terminated and the error thrown.
    static func start(config: URL, arguments: [String] = [], logLevel: String = "info") async throws -> ServeLaunch {
        let process = Process()
        process.executableURL = IntakeBinary.executable
        process.arguments = ["serve", "--config", config.path] + arguments
        process.environment = ["LOG_LEVEL": logLevel, "PATH": "/usr/bin:/bin"]
        let errorPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        let log = LogCapture()
        errorPipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if !data.isEmpty { log.append(String(decoding: data, as: UTF8.self)) }
        }
        let exits = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { exits.continuation.yield($0.terminationStatus) }
        try process.run()
        do {
            return ServeLaunch(process: process, log: log, port: try await listeningPort(log), exitStatuses: exits.stream)
        } catch {
            process.terminate()
            throw error
        }
    }

    /// The port from the `listening` log line (the configurations bind port 0).
    static func listeningPort(_ log: LogCapture) async throws -> Int {
        try await waitFor(log, "listening")
        let text = log.all.joined()
        guard let range = text.range(of: #"http://127\.0\.0\.1:(\d+)"#, options: .regularExpression),
            let port = Int(text[range].split(separator: ":").last ?? "")
        else { throw TestServerFailure(description: "no listening address in: \(text)") }
        return port
    }

    /// Waits (polling, at most about 60 s) until the process has logged `text`.
    static func waitFor(_ log: LogCapture, _ text: String) async throws {
        for _ in 0..<1200 {
            if log.all.joined().contains(text) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestServerFailure(description: "'\(text)' never logged: \(log.all.joined())")
    }
}
