import Foundation
import Testing

/// Runs the built `intake` binary as a user's shell script would, because the command line is
/// API (STYLE 10): exit status, standard output and standard error are what tests check.
///
/// `swift build` makes `.build/debug/intake`; tests that need it are `.enabled(if: IntakeBinary.isBuilt)`.
enum IntakeBinary {
    /// The package root: the first folder above this file that holds `Package.swift`.
    static let packageRoot: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            folder.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    }()

    static let executable = packageRoot.appendingPathComponent(".build/debug/intake")

    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: executable.path) }

    /// `<root>/../shared`, the project's shared data (absent in a bare checkout).
    static let sharedFolder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared").standardizedFileURL

    static func shared(_ relative: String) -> URL { sharedFolder.appendingPathComponent(relative) }

    static func hasShared(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: shared(relative).path) }

    /// Why a suite reading `relative` from the shared data is skipped when it is absent.
    static func sharedAbsent(_ relative: String) -> Comment {
        Comment(rawValue: "skipped: \(shared(relative).path) is absent (the shared conformance data is not beside this checkout)")
    }

    /// What one run printed and returned.
    struct Outcome: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }

        /// Standard output parsed as JSON (Foundation objects), for structural assertions.
        func json() throws -> Any {
            try JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
        }

        /// Standard error split into its non-empty lines.
        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    /// Runs `intake ARGUMENTS…` in `directory`, with `stdin` as standard input and `environment`
    /// added to the inherited one.
    ///
    /// Output goes through temporary files rather than pipes, so a large `--explain` output
    /// cannot fill a pipe buffer and deadlock the wait.
    static func run(
        _ arguments: [String], in directory: URL? = nil, stdin: String? = nil, environment: [String: String] = [:]
    ) throws -> Outcome {
        let scratch = try ScratchFolder(prefix: "intake-run")
        defer { scratch.remove() }
        let outURL = scratch.url.appendingPathComponent("stdout")
        let errURL = scratch.url.appendingPathComponent("stderr")
        let inURL = scratch.url.appendingPathComponent("stdin")
        try Data((stdin ?? "").utf8).write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)

        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let input = try FileHandle(forReadingFrom: inURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        try input.close()
        return Outcome(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// A fresh folder under the system's temporary directory; tests write their mappers and
/// payloads here and `remove()` it when done.
struct ScratchFolder {
    let url: URL

    init(prefix: String = "intake-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    /// Writes `text` at `relative`, creating the folders on the way; returns the file's URL.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file
    }

    /// Copies a file into the folder at `relative`.
    @discardableResult
    func copy(_ source: URL, to relative: String) throws -> URL {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: file)
        return file
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
