import ArgumentParser
import Foundation
import Transforms

/// `intake query JSONPATH [FILE]`: runs one JSONPath on a JSON document (SPEC §9).
///
/// The quickest way for a mapper author to see what a `path:` selects in a real payload,
/// with the same parser and evaluator the engine uses, so the answer is the engine's.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Evaluate an RFC 9535 JSONPath on a JSON file (or stdin) and print the JSON array of results.",
        discussion: """
            Exit status: 0 on success (also when nothing is selected), 1 when the input cannot be \
            read or is not valid JSON, 2 when the query is invalid.
            """
    )

    @Argument(help: "The JSONPath query, such as '$.alerts[*].labels.severity'.")
    var query: String

    @Argument(help: "The JSON file to query; standard input when absent or '-'.")
    var file: String?

    @Flag(help: "Print the normalized paths of the selected nodes (such as $['a'][0]) instead of their values.")
    var paths = false

    func run() throws {
        let path: JSONPath
        do {
            path = try JSONPath(query)
        } catch {
            Self.report(Self.describe(error, in: query))
            throw ExitCode(2)
        }
        let source = file.flatMap { $0 == "-" ? nil : $0 } ?? "<stdin>"
        let bytes: Data
        do {
            bytes = try readInput()
        } catch {
            Self.report("\(source): cannot read: \(error.localizedDescription)")
            throw ExitCode(1)
        }
        let document: JSON
        do {
            document = try JSON.parse(bytes: bytes)
        } catch {
            Self.report("\(source): invalid JSON at \(error)")
            throw ExitCode(1)
        }
        let result: JSON =
            paths
            ? .array(path.select(document).map { .string($0.normalizedPath) })
            : .array(path.values(document))
        print(result.prettySerialized())
    }

    private func readInput() throws -> Data {
        guard let file, file != "-" else { return FileHandle.standardInput.readDataToEndOfFile() }
        return try Data(contentsOf: URL(fileURLWithPath: file))
    }

    /// `offset N: message`, then the query and a caret under the offending character.
    static func describe(_ error: JSONPathError, in query: String) -> String {
        let utf8 = Array(query.utf8)
        let prefix = String(decoding: utf8.prefix(error.offset), as: UTF8.self)
        guard !query.contains(where: \.isNewline) else { return error.description }
        return "\(error)\n  \(query)\n  \(String(repeating: " ", count: prefix.count))^"
    }

    static func report(_ message: String) {
        printError("intake query: \(message)")
    }
}
