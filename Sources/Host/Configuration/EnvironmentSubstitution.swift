/// `${NAME}` replacement in configuration values (SPEC §3).
///
/// It runs on scalar values after the YAML is parsed, so a secret that contains `:`, `#` or a
/// newline can never change the file's structure. `$${` writes a literal `${`; a `$` not
/// followed by `{` is kept as is.
enum EnvironmentSubstitution {
    /// Why a value could not be substituted.
    enum Failure: Error, Equatable {
        /// `${NAME}` where NAME is not set in the environment.
        case unset(String)
        /// `${` without a closing `}`, or a name that is not `[A-Za-z_][A-Za-z0-9_]*`.
        case malformed(String)
    }

    /// The text with every `${NAME}` replaced by the variable's value.
    static func substitute(_ text: String, environment: [String: String]) throws(Failure) -> String {
        guard text.contains("$") else { return text }
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let afterDollar = rest.index(after: dollar)
            if rest[afterDollar...].hasPrefix("${") {
                result += "${"
                rest = rest[rest.index(afterDollar, offsetBy: 2)...]
            } else if rest[afterDollar...].hasPrefix("{") {
                let nameStart = rest.index(after: afterDollar)
                guard let close = rest[nameStart...].firstIndex(of: "}") else {
                    throw .malformed("'${' without a closing '}' (write '$${' for a literal '${')")
                }
                let name = String(rest[nameStart..<close])
                guard isVariableName(name) else {
                    throw .malformed("'${\(name)}' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)")
                }
                guard let value = environment[name] else { throw .unset(name) }
                result += value
                rest = rest[rest.index(after: close)...]
            } else {
                result += "$"
                rest = rest[afterDollar...]
            }
        }
        return result + rest
    }

    /// Whether `text` has a `${NAME}` part (not `$${`): a value read unresolved.
    static func namesVariable(_ text: String) -> Bool {
        (try? substitute(text, environment: [:])) == nil
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
