import Transforms

/// The YAML loader (`YAMLLoader.load`), as mapper and configuration files are read.
///
/// Property: a text that does not load is refused at a `line:column` inside it; a text that
/// loads gives a tree whose every node and key mark lies inside the text, and loading is a
/// function of the text (a second load gives the same tree).
enum YAMLFuzz {
    static func check(_ input: [UInt8]) {
        let text = decodedText(input)
        let places = SourcePlaces(text)
        guard let node = load(text, places) else { return }
        checkMarks(node, places)
        guard let again = try? YAMLLoader.load(text, file: "fuzz.yaml") else { fail("YAML loaded once and not twice") }
        require(again.json.serialized() == node.json.serialized() && again.mark == node.mark, "YAML loaded twice gave different trees")
    }

    /// The text's tree, or nil after checking that the refusal's mark lies inside the text.
    static func load(_ text: String, _ places: SourcePlaces) -> YAMLNode? {
        do {
            return try YAMLLoader.load(text, file: "fuzz.yaml")
        } catch {
            require(places.contains(error.mark), "YAML error mark \(error.mark) outside the text: \(error.message)")
            return nil
        }
    }

    static func checkMarks(_ node: YAMLNode, _ places: SourcePlaces) {
        require(places.contains(node.mark), "YAML node mark \(node.mark) outside the text")
        switch node.content {
        case .scalar: break
        case .sequence(let items): for item in items { checkMarks(item, places) }
        case .mapping(let members):
            for member in members {
                require(places.contains(member.keyMark), "YAML key mark \(member.keyMark) outside the text")
                checkMarks(member.value, places)
            }
        }
    }
}
