/// Comparisons whose time does not depend on where two secrets first differ.
///
/// A plain `==` returns at the first differing byte, which lets a sender discover a password
/// or signature a byte at a time by timing (SPEC §5). Only the lengths can leak; they are not
/// secret for signatures and give little for passwords.
enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes, looking at every byte of the longer one.
    static func equals(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        let left = Array(a)
        let right = Array(b)
        var difference = UInt8(truncatingIfNeeded: left.count ^ right.count)
        difference |= left.count == right.count ? 0 : 1
        let length = max(left.count, right.count)
        for index in 0..<length {
            let x = index < left.count ? left[index] : 0
            let y = index < right.count ? right[index] : 0
            difference |= x ^ y
        }
        return difference == 0
    }

    /// `equals` over the UTF-8 bytes of two strings, as written (no normalization).
    static func equals(_ a: String, _ b: String) -> Bool {
        equals(Array(a.utf8), Array(b.utf8))
    }
}
