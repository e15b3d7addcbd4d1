import Foundation

/// `intake serve --config FILE [ARGUMENTS]` started as a child process, its standard error
/// captured, and the port it listens on read from its log: the one way the process tests start
/// a listener (ActionCrashTests, ListenerReloadTests, the shared-database tests).
struct ServeLaunch {
    let process: Process
    let log: LogCapture
    let port: Int

    /// Starts the listener and waits until it logs its port; a listener that never does is
    /// terminated and the error thrown.
    static func start(config: URL, arguments: [String] = []) async throws -> ServeLaunch {
        let process = Process()
        process.executableURL = IntakeBinary.executable
        process.arguments = ["serve", "--config", config.path] + arguments
        process.environment = ["LOG_LEVEL": "info", "PATH": "/usr/bin:/bin"]
        let errorPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        let log = LogCapture()
        errorPipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if !data.isEmpty { log.append(String(decoding: data, as: UTF8.self)) }
        }
        try process.run()
        do {
            return ServeLaunch(process: process, log: log, port: try await ListenerShutdownTests.listeningPort(log))
        } catch {
            process.terminate()
            throw error
        }
    }
}
