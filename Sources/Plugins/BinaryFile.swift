#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read.
struct FileReadError: Error, CustomStringConvertible {
    var description: String
}

/// Reads a whole file's bytes (a plugin is a few kilobytes to a few megabytes).
func readBinaryFile(_ path: String) throws(FileReadError) -> [UInt8] {
    guard let file = fopen(path, "rb") else { throw FileReadError(description: String(cString: strerror(errno))) }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if count > 0 { bytes.append(contentsOf: chunk[0..<count]) }
        if count < chunk.count {
            if ferror(file) != 0 { throw FileReadError(description: "read error") }
            return bytes
        }
    }
}
