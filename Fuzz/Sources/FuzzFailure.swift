#if canImport(Glibc)
import Glibc
#endif

/// Reports a broken property and aborts, which libFuzzer records as a crash and saves the input.
func fail(_ message: String) -> Never {
    var line = "intake-fuzz: property broken: \(message)\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    abort()
}

/// Fails unless `condition` holds.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fail(message()) }
}

/// The bytes of a file, for replaying inputs outside libFuzzer.
func readInput(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { fail("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count == 0 { return bytes }
        bytes += chunk[..<count]
    }
}

/// Text as the parsers under test receive it from a file or a body: invalid UTF-8 replaced.
func decodedText(_ input: [UInt8]) -> String {
    String(decoding: input, as: UTF8.self)
}
