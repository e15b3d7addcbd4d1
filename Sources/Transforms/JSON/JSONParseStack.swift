/// The values of the lists (or the members of the objects) still open while parsing, kept
/// end to end in one buffer, innermost container last.
///
/// Closing a container moves its run off the top into an array of exactly its size. One
/// shared buffer instead of one growing array per container saves the repeated
/// reallocations of small arrays, and moving instead of copying saves a retain and a
/// release per value; both showed up as a third of the parse time of a typical payload.
///
/// It is not `~Copyable` with a `deinit`, though it owns memory: Swift 6.3 does not
/// specialize that generic form, which cost more than the stack saved. The one owner,
/// `JSONParser.parseDocument`, calls `release()` in a `defer`.
struct JSONParseStack<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// How many elements are on the stack.
    private(set) var count = 0

    init(capacity: Int = 32) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    /// Frees the buffer and whatever is still on it. Call it exactly once (the owner's
    /// `defer`); the stack is not used afterwards.
    mutating func release() {
        base.deinitialize(count: count)
        base.deallocate()
        count = 0
    }

    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Removes the elements from `start` to the top and returns them, in order, as an array.
    mutating func popArray(from start: Int) -> [Element] {
        let length = count - start
        var array: [Element] = []
        guard length > 0 else { return array }
        // `reserveCapacity` + `append(contentsOf:)` rather than `init(unsafeUninitializedCapacity:)`,
        // whose allocation looks up the array's type metadata generically on every call.
        array.reserveCapacity(length)
        array.append(contentsOf: MovingElements(current: base + start, end: base + count))
        count = start
        return array
    }

    /// Hands out the elements of a run one by one, moving each out of the buffer (no
    /// retain, no release); the stack's count is lowered once all have been taken.
    private struct MovingElements: Sequence, IteratorProtocol {
        var current: UnsafeMutablePointer<Element>
        let end: UnsafeMutablePointer<Element>

        var underestimatedCount: Int { end - current }

        mutating func next() -> Element? {
            guard current < end else { return nil }
            defer { current += 1 }
            return current.move()
        }
    }

    /// The element at `position` (below `count`), to read or change in place. Valid until
    /// the next `push` or `popArray`.
    func address(of position: Int) -> UnsafeMutablePointer<Element> {
        base + position
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
