import Transforms

/// The JSON parser (`JSON.parse(bytes:)`), as the listener reads every body.
///
/// Property: a text that parses serialises to a text that parses back to an equal value and
/// serialises to the same text again; a text that does not parse is refused at a byte offset
/// inside the input.
enum JSONFuzz {
    static func check(_ input: [UInt8]) {
        let value: JSON
        do {
            value = try JSON.parse(bytes: input)
        } catch {
            require((0...input.count).contains(error.offset), "JSON error offset \(error.offset) outside 0...\(input.count): \(error)")
            return
        }
        let text = value.serialized()
        let again: JSON
        do {
            again = try JSON.parse(text)
        } catch {
            fail("JSON serialised as \(text.prefix(200)) does not parse back: \(error)")
        }
        require(again == value, "JSON round trip changed the value: \(text.prefix(200))")
        require(again.serialized() == text, "JSON serialisation is not stable: \(text.prefix(200))")
    }
}
