import Foundation

/// The `; name=value` parameters of a `Content-Type` or `Content-Disposition` header value.
package enum MediaTypeParameters {
    /// The value of parameter `name` (any case) among `parameters`, its quotes removed; nil
    /// when absent or empty.
    package static func value(of name: String, in parameters: ArraySlice<Substring>) -> String? {
        for parameter in parameters {
            guard let equals = parameter.firstIndex(of: "=") else { continue }
            let key = parameter[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            guard key == name else { continue }
            var value = parameter[parameter.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
