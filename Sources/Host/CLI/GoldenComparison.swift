import Transforms

/// Compares a dry-run's output with an expected file as SEMANTICS S133 says: objects by keys
/// in any order, lists element by element, numbers by value, and `"<any>"` matching anything.
enum GoldenComparison {
    static let wildcard = "<any>"

    /// The differences, one line each with the JSON location (`$[0].incident.name`); empty when equal.
    static func differences(expected: JSON, actual: JSON, at path: String = "$") -> [String] {
        if case .string(wildcard) = expected { return [] }
        switch (expected, actual) {
        case (.object(let want), .object(let got)):
            var lines: [String] = []
            for (key, value) in want.members {
                let child = path + member(key)
                if let other = got[key] {
                    lines += differences(expected: value, actual: other, at: child)
                } else {
                    lines.append("\(child): missing, expected \(value.serialized())")
                }
            }
            for key in got.keys where want[key] == nil {
                lines.append("\(path)\(member(key)): unexpected \(got[key]?.serialized() ?? "")")
            }
            return lines
        case (.array(let want), .array(let got)):
            var lines: [String] = []
            for index in 0..<max(want.count, got.count) {
                let child = "\(path)[\(index)]"
                if index >= got.count {
                    lines.append("\(child): missing, expected \(want[index].serialized())")
                } else if index >= want.count {
                    lines.append("\(child): unexpected \(got[index].serialized())")
                } else {
                    lines += differences(expected: want[index], actual: got[index], at: child)
                }
            }
            return lines
        default:
            return expected == actual ? [] : ["\(path): expected \(expected.serialized()), got \(actual.serialized())"]
        }
    }

    /// `.key` for a plain name, else JSONPath's `['key']` (as in `fields['Ticket (if any)']`),
    /// so a location can be pasted into `intake query`.
    static func member(_ key: String) -> String {
        func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        }
        if let first = key.unicodeScalars.first, isLetter(first),
            key.unicodeScalars.allSatisfy({ isLetter($0) || ("0"..."9").contains($0) })
        {
            return "." + key
        }
        var escaped = ""
        for character in key {
            if character == "\\" || character == "'" { escaped.append("\\") }
            escaped.append(character)
        }
        return "['\(escaped)']"
    }
}

extension GoldenComparison {
    /// What `intake test --update` writes: `actual`, except where `expected` masks a value with
    /// `"<any>"` and `actual` has a value there, so a reviewed mask survives the rewrite.
    static func updated(expected: JSON, actual: JSON) -> JSON {
        switch (expected, actual) {
        case (.string(wildcard), _):
            return expected
        case (.object(let old), .object(let new)):
            var result = JSONObject()
            for (key, value) in new.members { result[key] = old[key].map { updated(expected: $0, actual: value) } ?? value }
            return .object(result)
        case (.array(let old), .array(let new)) where old.count == new.count:
            return .array(zip(old, new).map { updated(expected: $0, actual: $1) })
        default:
            return actual
        }
    }
}
