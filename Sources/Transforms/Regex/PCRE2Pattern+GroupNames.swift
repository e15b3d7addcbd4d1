import CPCRE2

extension PCRE2Pattern {
    /// The pattern's named groups, sorted by group number.
    ///
    /// PCRE2's name table is sorted by name; each entry is a big-endian 16-bit group number
    /// followed by the zero-terminated name, padded to `PCRE2_INFO_NAMEENTRYSIZE` bytes. The
    /// S33 object shape lists named groups in pattern order, hence the re-sort by number.
    static func readNameTable(_ code: OpaquePointer) -> [(number: Int, name: String)] {
        let count = Int(info(code, PCRE2_INFO_NAMECOUNT))
        let entrySize = Int(info(code, PCRE2_INFO_NAMEENTRYSIZE))
        guard count > 0, entrySize > 2 else { return [] }
        var table: UnsafePointer<UInt8>?
        guard pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table) == 0, let table else { return [] }
        var names: [(number: Int, name: String)] = []
        names.reserveCapacity(count)
        for index in 0..<count {
            let entry = table + index * entrySize
            let number = Int(entry[0]) << 8 | Int(entry[1])
            let nameBytes = UnsafeBufferPointer(start: entry + 2, count: entrySize - 2)
            let length = nameBytes.firstIndex(of: 0) ?? nameBytes.count
            names.append((number, String(decoding: nameBytes[..<length], as: UTF8.self)))
        }
        // `(?|…)` can give one number the same name twice; list it once.
        let sorted = names.sorted { ($0.number, $0.name) < ($1.number, $1.name) }
        return sorted.enumerated().filter { index, entry in
            index == 0 || sorted[index - 1] != entry
        }.map(\.element)
    }
}
