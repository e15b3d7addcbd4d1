#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks a compiled query over a document: segments and selectors (RFC 9535 §2.5, RFC 9535 §2.3).
///
/// Values are passed as `JSON` enums whose arrays and objects are shared copy-on-write, so a
/// step never copies the document; locations are a linked trail built only when asked for.
struct PathEvaluator {
    let root: JSON
    let tracksLocations: Bool

    /// A node during evaluation: its value and, when tracked, how it was reached.
    struct Node {
        var value: JSON
        var trail: PathTrail?
    }

    func select(_ query: PathQuery, current: JSON) -> [Node] {
        var nodes = [Node(value: query.isRelative ? current : root, trail: nil)]
        for segment in query.segments {
            var next: [Node] = []
            for node in nodes {
                if segment.isDescendant {
                    descend(node, segment.selectors, into: &next)
                } else {
                    apply(segment.selectors, to: node, into: &next)
                }
            }
            nodes = next
            if nodes.isEmpty { break }
        }
        return nodes
    }

    /// RFC 9535 §2.5.2: the node itself, then its children in order, each before its own descendants.
    private func descend(_ node: Node, _ selectors: [PathSelector], into output: inout [Node]) {
        apply(selectors, to: node, into: &output)
        switch node.value {
        case .array(let items):
            for (index, item) in items.enumerated() {
                descend(child(of: node, item, .index(index)), selectors, into: &output)
            }
        case .object(let object):
            for member in object.members {
                descend(child(of: node, member.value, .member(member.key)), selectors, into: &output)
            }
        default:
            break
        }
    }

    private func apply(_ selectors: [PathSelector], to node: Node, into output: inout [Node]) {
        for selector in selectors {
            switch selector {
            case .name(let name):
                if case .object(let object) = node.value, let value = Self.member(name, of: object) {
                    output.append(child(of: node, value, .member(name)))
                }
            case .wildcard:
                forEachChild(of: node) { output.append($0) }
            case .index(let index):
                if case .array(let items) = node.value {
                    let normalized = index >= 0 ? index : items.count + index
                    if normalized >= 0, normalized < items.count {
                        output.append(child(of: node, items[normalized], .index(normalized)))
                    }
                }
            case .slice(let start, let end, let step):
                if case .array(let items) = node.value {
                    for index in Self.sliceIndexes(start: start, end: end, step: step, count: items.count) {
                        output.append(child(of: node, items[index], .index(index)))
                    }
                }
            case .filter(let expression):
                forEachChild(of: node) { candidate in
                    if test(expression, current: candidate.value) { output.append(candidate) }
                }
            }
        }
    }

    private func forEachChild(of node: Node, _ body: (Node) -> Void) {
        switch node.value {
        case .array(let items):
            for (index, item) in items.enumerated() { body(child(of: node, item, .index(index))) }
        case .object(let object):
            for member in object.members { body(child(of: node, member.value, .member(member.key))) }
        default:
            break
        }
    }

    private func child(of parent: Node, _ value: JSON, _ location: @autoclosure () -> JSONPathLocation) -> Node {
        Node(value: value, trail: tracksLocations ? PathTrail(parent: parent.trail, location: location()) : nil)
    }

    /// The member named exactly `name`: RFC 9535 compares names scalar by scalar, so
    /// canonically equivalent but differently encoded names do not match.
    static func member(_ name: String, of object: JSONObject) -> JSON? {
        for member in object.members where exactlyEqual(member.key, name) { return member.value }
        return nil
    }

    /// Code-point equality (RFC 9535), not Swift's canonical equivalence; compared as bytes
    /// through contiguous UTF-8, which member lookup does for every key it passes.
    static func exactlyEqual(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        if let equal = a.utf8.withContiguousStorageIfAvailable({ left in
            b.utf8.withContiguousStorageIfAvailable { right in
                left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
            }
        }), let equal {
            return equal
        }
        return a.utf8.elementsEqual(b.utf8)
    }

    /// The indexes a slice selects, per RFC 9535 §2.3.4.2.2 (defaults depend on the step's sign).
    static func sliceIndexes(start: Int?, end: Int?, step: Int?, count: Int) -> StrideTo<Int> {
        let step = step ?? 1
        guard step != 0 else { return stride(from: 0, to: 0, by: 1) }
        func normalize(_ index: Int) -> Int { index >= 0 ? index : count + index }
        if step > 0 {
            let lower = min(max(normalize(start ?? 0), 0), count)
            let upper = min(max(normalize(end ?? count), 0), count)
            return stride(from: lower, to: upper, by: step)
        }
        let upper = min(max(normalize(start ?? count - 1), -1), count - 1)
        let lower = min(max(normalize(end ?? -count - 1), -1), count - 1)
        return stride(from: upper, to: lower, by: step)
    }
}

/// The way from the root to a node, as a shared linked list so that siblings share their
/// parent's trail instead of each copying an array of locations.
final class PathTrail: Sendable {
    let parent: PathTrail?
    let location: JSONPathLocation

    init(parent: PathTrail?, location: JSONPathLocation) {
        self.parent = parent
        self.location = location
    }

    func locations() -> [JSONPathLocation] {
        var result: [JSONPathLocation] = []
        var trail: PathTrail? = self
        while let current = trail {
            result.append(current.location)
            trail = current.parent
        }
        return result.reversed()
    }
}
