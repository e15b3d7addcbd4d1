extension JSONParser {
    typealias Member = (key: String, value: JSON)

    /// A list or object that has been opened and not yet closed.
    struct OpenContainer {
        var isObject: Bool
        /// Where its elements (or members) begin on the shared stack.
        var start: Int
        /// For an object, the key read for the value being parsed.
        var pendingKey = ""
        /// For an object past `linearLimit` members, the position of each key on the stack.
        var keyIndex: [String: Int]?
    }

    /// Objects up to this many members find a repeated key by a linear scan; larger ones
    /// build a dictionary, so that a hostile payload with many keys stays linear.
    static var linearLimit: Int { 16 }

    /// Adds `pendingKey: value` to the open object, or, when the key is already there,
    /// replaces that member's value in place: "the last value wins" (SEMANTICS S1) while
    /// the key keeps its first position.
    func addMember(_ value: consuming JSON, to object: inout OpenContainer, on members: inout JSONParseStack<Member>) {
        let key = object.pendingKey
        let start = object.start
        let existing: Int?
        if object.keyIndex == nil, members.count - start < Self.linearLimit {
            existing = (start..<members.count).first { members.address(of: $0).pointee.key == key }
        } else {
            var lookup = object.keyIndex ?? Self.keyIndex(of: members, from: start)
            object.keyIndex = nil  // keeps `lookup` uniquely referenced, so it is updated in place
            existing = lookup[key]
            if existing == nil { lookup[key] = members.count }
            object.keyIndex = lookup
        }
        if let existing {
            members.address(of: existing).pointee.value = value
        } else {
            members.push((key, value))
        }
    }

    private static func keyIndex(of members: borrowing JSONParseStack<Member>, from start: Int) -> [String: Int] {
        var lookup = [String: Int](minimumCapacity: (members.count - start) * 2)
        for position in start..<members.count { lookup[members.address(of: position).pointee.key] = position }
        return lookup
    }
}
