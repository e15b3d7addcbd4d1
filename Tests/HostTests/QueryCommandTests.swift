import Foundation
import Testing

/// Runs the built `intake` binary (`swift build` makes `.build/debug/intake`), as SPEC §9's
/// command line is API: exit codes and output are checked as a user's script would see them.
@Suite struct QueryCommandTests {
    /// The package root is three levels above this file.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = packageRoot.appendingPathComponent(".build/debug/intake")

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: String? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["query"] + arguments
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }

    static func temporaryFile(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("intake-query-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url
    }

    static let document = #"{"alerts": [{"labels": {"severity": "high"}}, {"labels": {"severity": "low", "x y": true}}]}"#

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "run `swift build` first"))
    func valuesFromAFile() throws {
        let file = try Self.temporaryFile(Self.document)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try Self.run(["$.alerts[*].labels.severity", file.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let printed = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String]
        #expect(printed == ["high", "low"])
        #expect(outcome.stderr.isEmpty)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "run `swift build` first"))
    func pathsFromStandardInput() throws {
        let outcome = try Self.run(["--paths", "$..['severity','x y']"], stdin: Self.document)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let printed = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String]
        #expect(printed == ["$['alerts'][0]['labels']['severity']", "$['alerts'][1]['labels']['severity']", "$['alerts'][1]['labels']['x y']"])
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "run `swift build` first"))
    func nothingSelectedIsAnEmptyArray() throws {
        let outcome = try Self.run(["$.nope", "-"], stdin: "{}")
        #expect(outcome.status == 0)
        #expect(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "run `swift build` first"))
    func anInvalidQueryExitsWith2AndTheOffset() throws {
        let outcome = try Self.run(["$.alerts[?@.x == ]"], stdin: Self.document)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("byte 17: expected a value after '=='"), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "run `swift build` first"))
    func invalidJSONExitsWith1AndTheByteOffset() throws {
        let outcome = try Self.run(["$"], stdin: #"{"a": [1, }"#)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("byte 10"), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "run `swift build` first"))
    func anUnreadableFileExitsWith1() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("intake-absent-\(UUID().uuidString).json")
        let outcome = try Self.run(["$", missing.path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains(missing.lastPathComponent), "\(outcome.stderr)")
    }

    /// Issue 15: filters compare numbers by exact value (SEMANTICS S3), printed as the user sees them.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "run `swift build` first"))
    func filtersCompareIntegersBeyond64BitsExactly() throws {
        let file = try Self.temporaryFile("[18446744073709551617, 18446744073709551616]")
        defer { try? FileManager.default.removeItem(at: file) }
        let equal = try Self.run(["$[?@ == 18446744073709551616]", file.path])
        #expect(equal.status == 0, "\(equal.stderr)")
        #expect(equal.stdout.filter { !$0.isWhitespace } == "[18446744073709551616]", "\(equal.stdout)")

        let above = try Self.run(["$[?@ > 9007199254740992]"], stdin: "[9007199254740993]")
        #expect(above.status == 0, "\(above.stderr)")
        #expect(above.stdout.filter { !$0.isWhitespace } == "[9007199254740993]", "\(above.stdout)")

        let notAbove = try Self.run(["$[?@ > 9007199254740993]"], stdin: "[9007199254740993, 9007199254740992.0]")
        #expect(notAbove.stdout.filter { !$0.isWhitespace } == "[]", "\(notAbove.stdout)")
    }
}
