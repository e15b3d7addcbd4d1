import Foundation
import Transforms

/// Reads configuration values out of a marked YAML tree, collecting every mistake.
///
/// Each accessor returns `nil` after recording an error, so decoding goes on and one load
/// reports all the mistakes of a file. Keys are named by their path (`instances[1].auth`) and
/// every error by the mark of the node at fault.
final class ConfigurationDecoder {
    private(set) var errors: [SourceError] = []
    let environment: [String: String]
    /// The folder relative paths are resolved from: the config file's folder.
    let baseDirectory: String

    /// Whether `${NAME}` inside an instance's `auth:` or an action's URL, headers and signing
    /// secret must resolve (SPEC §12, §13): only for `intake serve`. Other commands never check
    /// a credential nor send a request, so an unset variable there is left as written rather
    /// than refusing to read the file.
    let resolvesSecrets: Bool
    /// Set while an `auth:` map or an action's secret-bearing value is read.
    var isReadingSecrets = false

    init(environment: [String: String], baseDirectory: String, resolvesSecrets: Bool = true) {
        self.environment = environment
        self.baseDirectory = baseDirectory
        self.resolvesSecrets = resolvesSecrets
    }

    func fail(_ kind: SourceError.Kind, _ message: String, at mark: SourceMark) {
        errors.append(SourceError(kind, message, at: mark))
    }

    /// The members of a map, after reporting each key not in `allowed`.
    ///
    /// - Returns: nil (with an error) when the node is not a map.
    func members(of node: YAMLNode, at path: String, allowed: [String]) -> [String: YAMLNode]? {
        guard case .mapping(let members) = node.content else {
            fail(.wrongShape, "\(path): expected a map, found \(node.kindName)", at: node.mark)
            return nil
        }
        var result: [String: YAMLNode] = [:]
        for member in members {
            if allowed.contains(member.key) {
                result[member.key] = member.value
            } else {
                fail(.unknownKey, "\(join(path, member.key)): unknown key (known keys: \(allowed.joined(separator: ", ")))", at: member.keyMark)
            }
        }
        return result
    }

    /// A scalar's text with `${NAME}` substituted; numbers and booleans give their text as
    /// written (a password `1234` is the string `1234`).
    func string(_ node: YAMLNode, at path: String) -> String? {
        guard case .scalar(let value, let text, _) = node.content else {
            fail(.wrongShape, "\(path): expected a string, found \(node.kindName)", at: node.mark)
            return nil
        }
        if case .null = value {
            fail(.wrongShape, "\(path): expected a string, found null", at: node.mark)
            return nil
        }
        guard case .string = value else { return text }
        do {
            return try EnvironmentSubstitution.substitute(text, environment: environment)
        } catch {
            switch error {
            case .unset where isReadingSecrets && !resolvesSecrets: return text
            case .unset(let name): fail(.unsetVariable, "\(path): environment variable \(name) is not set", at: node.mark)
            case .malformed(let message): fail(.invalidValue, "\(path): \(message)", at: node.mark)
            }
            return nil
        }
    }

    /// A non-empty string.
    func nonEmptyString(_ node: YAMLNode, at path: String) -> String? {
        guard let text = string(node, at: path) else { return nil }
        guard !text.isEmpty else {
            fail(.invalidValue, "\(path): must not be empty", at: node.mark)
            return nil
        }
        return text
    }

    /// An integer in `range`; a string that became an integer through `${NAME}` counts.
    func integer(_ node: YAMLNode, at path: String, in range: ClosedRange<Int>) -> Int? {
        var number: Int?
        if case .scalar(let value, _, _) = node.content {
            switch value {
            case .number(.int(let int)): number = int
            case .string:
                guard let text = string(node, at: path) else { return nil }
                number = Int(text.trimmingCharacters(in: .whitespaces))
            default: number = nil
            }
        }
        guard let number else {
            fail(.wrongShape, "\(path): expected an integer, found \(node.kindName)", at: node.mark)
            return nil
        }
        guard range.contains(number) else {
            let upper = range.upperBound == Int.max ? "" : " and \(range.upperBound)"
            fail(.invalidValue, "\(path): \(number) is out of range (between \(range.lowerBound)\(upper))", at: node.mark)
            return nil
        }
        return number
    }

    /// `true` or `false` (also from `${NAME}`).
    func bool(_ node: YAMLNode, at path: String) -> Bool? {
        if case .scalar(let value, _, _) = node.content {
            if case .bool(let flag) = value { return flag }
            if case .string = value, let text = string(node, at: path) {
                if text == "true" { return true }
                if text == "false" { return false }
            }
        }
        fail(.wrongShape, "\(path): expected true or false, found \(node.kindName)", at: node.mark)
        return nil
    }

    /// A list of strings.
    func stringList(_ node: YAMLNode, at path: String) -> [String]? {
        guard case .sequence(let items) = node.content else {
            fail(.wrongShape, "\(path): expected a list, found \(node.kindName)", at: node.mark)
            return nil
        }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            if let text = nonEmptyString(item, at: "\(path)[\(index)]") { result.append(text) }
        }
        return result.count == items.count ? result : nil
    }

    /// One of an enumeration's raw values.
    func choice<Choice: RawRepresentable & CaseIterable>(_ node: YAMLNode, at path: String, as _: Choice.Type) -> Choice?
    where Choice.RawValue == String {
        guard let text = string(node, at: path) else { return nil }
        if let choice = Choice(rawValue: text) { return choice }
        let known = Choice.allCases.map(\.rawValue).joined(separator: ", ")
        fail(.invalidValue, "\(path): '\(text)' is not one of: \(known)", at: node.mark)
        return nil
    }

    /// A file or folder path, resolved from the config file's folder when relative.
    func path(_ node: YAMLNode, at path: String) -> String? {
        guard let text = nonEmptyString(node, at: path) else { return nil }
        return resolve(text)
    }

    /// `path` made absolute against the base folder (an absolute path is kept).
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: baseDirectory, isDirectory: true).appendingPathComponent(path).standardizedFileURL.path
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
