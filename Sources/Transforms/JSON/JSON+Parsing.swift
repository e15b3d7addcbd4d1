extension JSON {
    /// Reads one RFC 8259 JSON text (SEMANTICS S1, S2).
    ///
    /// Default nesting limit 512 for files; the listener passes its configured limit.
    /// - Throws: `JSONParseError` with the byte offset (in the string's UTF-8) of the problem.
    public static func parse(_ text: String, maxDepth: Int = 512) throws(JSONParseError) -> JSON {
        try parse(bytes: text.utf8, maxDepth: maxDepth)
    }

    /// Reads one RFC 8259 JSON text from UTF-8 bytes (SEMANTICS S1, S2).
    ///
    /// Strict: invalid UTF-8, `NaN`/`Infinity`, leading zeros, unescaped control characters,
    /// lone surrogates and anything but whitespace after the value are errors. A leading
    /// UTF-8 byte order mark is ignored (RFC 8259 §8.1 allows it), because files saved by
    /// some editors carry one. Objects keep their key order; a repeated key keeps its first
    /// position and takes the last value. Integers that fit 64 bits become `.int`, longer
    /// ones `.bigInt` with their exact digits, numbers with a fraction or exponent `.double`.
    ///
    /// Contiguous collections (`[UInt8]`, `ArraySlice`, a `ByteBuffer`'s readable bytes, a
    /// native `String`'s UTF-8) are read in place; others are copied once.
    /// - Parameter maxDepth: the deepest nesting of lists and objects accepted; `[]` is depth 1.
    /// - Throws: `JSONParseError` with the byte offset of the problem.
    public static func parse(bytes: some Collection<UInt8>, maxDepth: Int = 512) throws(JSONParseError) -> JSON {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            parseResult(buffer, maxDepth: maxDepth)
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { parseResult($0, maxDepth: maxDepth) }.get()
    }

    /// The parse as a `Result`, because the standard library's buffer closures only rethrow
    /// untyped errors.
    private static func parseResult(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSON, JSONParseError> {
        var parser = JSONParser(buffer, maxDepth: maxDepth)
        do throws(JSONParseError) {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }
}
