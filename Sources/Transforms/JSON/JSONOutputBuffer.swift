/// The growing byte buffer `JSONWriter` writes into.
///
/// An `Array<UInt8>` pays a uniqueness and capacity check plus a generic copy on every
/// append, which was most of the cost of serializing; this buffer has one owner, checks
/// capacity once per append and copies runs with `memcpy`.
struct JSONOutputBuffer: ~Copyable {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// The bytes written so far, as a string (they are UTF-8 by construction).
    var text: String {
        String(decoding: UnsafeBufferPointer(start: storage, count: count), as: UTF8.self)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toAtLeast: count + 1) }
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(toAtLeast: count + bytes.count) }
        (storage + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(utf8Of text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    mutating func append(_ byte: UInt8, repeated times: Int) {
        guard times > 0 else { return }
        if count + times > capacity { grow(toAtLeast: count + times) }
        (storage + count).update(repeating: byte, count: times)
        count += times
    }

    /// Reverses the bytes from `start` to the end (digits are produced lowest first).
    mutating func reverseBytes(from start: Int) {
        var bytes = UnsafeMutableBufferPointer(start: storage + start, count: count - start)
        bytes.reverse()
    }

    private mutating func grow(toAtLeast needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.initialize(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }
}
