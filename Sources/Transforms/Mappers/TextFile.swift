import Foundation

/// Reads a UTF-8 text file; the error says why in words a user can act on.
func readTextFile(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw TextFileError(message: FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file")
    }
    guard let text = String(validating: data, as: UTF8.self) else {
        throw TextFileError(message: "not valid UTF-8")
    }
    return text
}

struct TextFileError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// The `*.yaml` and `*.yml` files of a folder in name order, dot-files left out (SEMANTICS S7).
///
/// - Throws: `TextFileError` saying "no such folder" or "not a folder" rather than Foundation's
///   "The operation could not be completed", which tells a user nothing to fix.
func yamlFiles(in directory: String) throws -> [String] {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder) else {
        throw TextFileError(message: "no such folder")
    }
    guard isFolder.boolValue else { throw TextFileError(message: "not a folder") }
    let names: [String]
    do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
        throw TextFileError(message: "not readable")
    }
    return
        names
        .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
        .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        .map { directory.hasSuffix("/") ? directory + $0 : directory + "/" + $0 }
}
