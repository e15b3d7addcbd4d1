/// A request's headers as the host reasons about them: names lower-cased, in the order
/// received, repeated names kept.
///
/// Auth, header redaction and the mapping request all read this one list, so none of them
/// depends on the HTTP library's types.
package struct ReceivedHeaders: Sendable, Equatable {
    package var fields: [(name: String, value: String)]

    package init(_ fields: [(name: String, value: String)]) {
        self.fields = fields.map { (name: $0.name.lowercased(), value: $0.value) }
    }

    /// The first value of a header (any case), or nil.
    package subscript(name: String) -> String? {
        let name = name.lowercased()
        return fields.first { $0.name == name }?.value
    }

    /// Every value of a header (any case), in order.
    package func values(_ name: String) -> [String] {
        let name = name.lowercased()
        return fields.filter { $0.name == name }.map(\.value)
    }

    package static func == (lhs: ReceivedHeaders, rhs: ReceivedHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }
}
