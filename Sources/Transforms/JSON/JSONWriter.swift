/// Writes JSON text as UTF-8 bytes, compact or indented, for `JSON.serialized` and
/// `JSON.prettySerialized`.
///
/// Everything goes into one byte buffer that becomes a `String` once at the end: appending
/// runs of bytes is far cheaper than growing a `String` a character at a time.
struct JSONWriter: ~Copyable {
    private var output: JSONOutputBuffer
    let sortedKeys: Bool
    let pretty: Bool

    init(sortedKeys: Bool, pretty: Bool, capacity: Int = 256) {
        self.sortedKeys = sortedKeys
        self.pretty = pretty
        output = JSONOutputBuffer(capacity: capacity)
    }

    var text: String { output.text }

    mutating func write(_ value: JSON, depth: Int = 0) {
        switch value {
        case .null: appendASCII("null")
        case .bool(let bool): appendASCII(bool ? "true" : "false")
        case .number(let number): write(number)
        case .string(let string): write(string)
        case .instant(let instant): write(instant.rfc3339)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                write(element, depth: depth + 1)
            }
            if !elements.isEmpty { newline(depth) }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            let members = sortedKeys ? object.sortedByKey().members : object.members
            for (position, member) in members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                write(member.key)
                output.append(UInt8(ascii: ":"))
                if pretty { output.append(UInt8(ascii: " ")) }
                write(member.value, depth: depth + 1)
            }
            if !members.isEmpty { newline(depth) }
            output.append(UInt8(ascii: "}"))
        }
    }

    mutating func write(_ number: JSONNumber) {
        switch number {
        case .int(let int): writeInteger(int)
        case .bigInt(let text): output.append(utf8Of: text)
        case .double: output.append(utf8Of: number.jsonText)
        }
    }

    /// Writes a quoted string, escaping `"`, `\` and control characters only (`/` and
    /// non-ASCII stay as they are).
    mutating func write(_ string: String) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return }
            let end = utf8.count
            var runStart = 0
            var index = 0
            while index < end {
                if index + 8 <= end {
                    let escaped = JSONByteScan.escapedBytes(JSONByteScan.word(at: base + index))
                    if escaped == 0 {
                        index += 8
                        continue
                    }
                    index += escaped.trailingZeroBitCount >> 3
                } else {
                    let byte = base[index]
                    if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                        index += 1
                        continue
                    }
                }
                output.append(UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                appendEscape(for: base[index])
                index += 1
                runStart = index
            }
            output.append(UnsafeBufferPointer(start: base + runStart, count: end - runStart))
        }
        output.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(for byte: UInt8) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        default:
            output.append(UInt8(ascii: "u"))
            output.append(UInt8(ascii: "0"))
            output.append(UInt8(ascii: "0"))
            output.append(UInt8(ascii: "0") + byte >> 4)  // a control character is below 0x20
            let low = byte & 0xF
            output.append(low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + low - 10)
        }
    }

    /// Writes the decimal digits of an integer straight into the output.
    private mutating func writeInteger(_ value: Int) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = output.count
        repeat {
            output.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        output.reverseBytes(from: start)
    }

    private mutating func newline(_ depth: Int) {
        guard pretty else { return }
        output.append(0x0A)
        output.append(UInt8(ascii: " "), repeated: depth * 2)
    }

    private mutating func appendASCII(_ text: StaticString) {
        text.withUTF8Buffer { output.append($0) }
    }
}
