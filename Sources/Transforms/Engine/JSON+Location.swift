extension JSON {
    /// The value with the node at `location` replaced by `newValue`.
    ///
    /// `prepare`'s `parse_json: PATH` and `parse_form: PATH` edit the payload in place
    /// (SEMANTICS S46): the JSONPath selects nodes with their locations, and this writes the
    /// parsed value back at each one. A location that does not exist in the value (a member
    /// that is absent, an index past the end, a step into a scalar) leaves the value unchanged,
    /// so a stale location can never grow the payload.
    public func replacing(at location: [JSONPathLocation], with newValue: JSON) -> JSON {
        replacing(at: location[...], with: newValue)
    }

    private func replacing(at location: ArraySlice<JSONPathLocation>, with newValue: JSON) -> JSON {
        guard let first = location.first else { return newValue }
        let rest = location.dropFirst()
        switch (self, first) {
        case (.object(var object), .member(let key)):
            guard let child = object[key] else { return self }
            object[key] = child.replacing(at: rest, with: newValue)
            return .object(object)
        case (.array(var elements), .index(let index)):
            guard elements.indices.contains(index) else { return self }
            elements[index] = elements[index].replacing(at: rest, with: newValue)
            return .array(elements)
        default:
            return self
        }
    }
}
