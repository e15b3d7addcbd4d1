/// How `regex`, `replace` and `split` read their input (SEMANTICS S31): text, or a list of
/// texts with `null` holes.
///
/// The three steps share one reading so that a number is `"2.5"` and an instant RFC 3339 in
/// all of them, and so that an object is refused with the same message everywhere.
enum TextInput {
    /// A string, number, boolean or instant, read as text.
    case single(String)
    /// A list read element by element; `nil` stands for a `null` element.
    case list([String?])

    /// Reads `value` as S31 says.
    ///
    /// - Throws: for an object, or a list element that is itself a list or an object.
    init(_ value: JSON) throws(StepError) {
        switch value {
        case .object:
            throw StepError("expected text or a list of texts, got an object \(TextInput.excerpt(value))")
        case .array(let elements):
            var texts: [String?] = []
            texts.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                switch element {
                case .null: texts.append(nil)
                case .array, .object:
                    throw StepError(
                        "element \(index + 1) is \(element.kindName) \(TextInput.excerpt(element)): expected text, a number or a boolean")
                default: texts.append(element.text)
                }
            }
            self = .list(texts)
        default:
            self = .single(value.text)
        }
    }

    /// A short quotation of a value for error messages: never a whole payload.
    static func excerpt(_ value: JSON) -> String {
        let text = value.serialized()
        guard text.count > 40 else { return text }
        return String(text.prefix(37)) + "..."
    }
}

extension RegexError {
    /// A runtime regex failure (match or depth limit) as the error that quarantines the payload.
    var stepError: StepError {
        switch kind {
        case .matchLimit:
            StepError("the pattern needs too many steps on this text (match limit): simplify it or anchor it")
        case .depthLimit:
            StepError("the pattern recurses too deeply on this text (depth limit): simplify it")
        default:
            StepError("regex failed: \(message)")
        }
    }
}
