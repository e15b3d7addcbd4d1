import Foundation

/// Reads into `JSONSerialization` output by keys and indexes, so tests of printed JSON can say
/// `dig(element, "trace", "fields", "reporter", "steps", 0, "nodes")`.
func dig(_ value: Any?, _ path: Any...) -> Any? {
    var current = value
    for component in path {
        switch component {
        case let key as String: current = (current as? [String: Any])?[key]
        case let index as Int:
            guard let list = current as? [Any], list.indices.contains(index) else { return nil }
            current = list[index]
        default: return nil
        }
    }
    return current
}

/// The printed array's elements as objects (empty when the output is not such an array).
func elements(_ outcome: IntakeBinary.Outcome) throws -> [[String: Any]] {
    (try outcome.json() as? [Any])?.compactMap { $0 as? [String: Any] } ?? []
}
