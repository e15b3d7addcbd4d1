#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads one YAML document into a `YAMLNode` tree that remembers every node's line and column.
///
/// Intake's YAML is a strict subset, chosen so a mapper means one thing and every mistake is
/// reported where it was made:
/// - plain scalars follow the YAML 1.2 core schema (SEMANTICS S5); quoted and block scalars
///   are strings;
/// - map keys are scalars, kept as text; a duplicate key is an error at the second one (S6);
/// - merge keys (`<<`) and aliases are refused, which also makes an alias bomb
///   ("billion laughs") fail at its first alias instead of expanding;
/// - tags: `!!str` (and the non-specific `!`) force a string, `!!seq` / `!!map` are accepted on
///   a list / map; any other tag is an error rather than being silently ignored, so that
///   `!!int "3"` never loads as something the author did not mean;
/// - nesting deeper than `maximumDepth` is an error.
public enum YAMLLoader {
    /// Deepest nesting of lists and maps accepted. Default: 256.
    ///
    /// Real mappers nest a handful of levels; the cap keeps a hostile or broken file from
    /// exhausting the stack of the recursive tree builder.
    public static let maximumDepth = 256

    /// One document. An empty file gives a null scalar node at 1:1. More than one document is an error.
    ///
    /// - Parameters:
    ///   - text: The YAML source.
    ///   - file: The name used in every mark (a path, or a label such as `<inline>`).
    public static func load(_ text: String, file: String) throws(SourceError) -> YAMLNode {
        try load(bytes: Array(text.utf8), file: file)
    }

    /// The document in the file at `path`; marks carry `path` as their file name.
    ///
    /// - Throws: `SourceError` at `path:1:1` when the file cannot be read, and every error
    ///   `load(_:file:)` throws.
    public static func load(contentsOf path: String) throws(SourceError) -> YAMLNode {
        try load(bytes: readFile(path).get(), file: path)
    }

    static func load(bytes: [UInt8], file: String) throws(SourceError) -> YAMLNode {
        let result = bytes.withUnsafeBufferPointer { buffer -> Result<YAMLNode, SourceError> in
            do throws(SourceError) {
                var builder = try YAMLTreeBuilder(
                    reader: YAMLEventReader(input: buffer, file: file), maximumDepth: maximumDepth)
                return .success(try builder.document())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The bytes of a file, or an error at `path:1:1` that says why it could not be read.
    private static func readFile(_ path: String) -> Result<[UInt8], SourceError> {
        func failure(_ reason: String) -> Result<[UInt8], SourceError> {
            .failure(SourceError(.unreadable, "cannot read file: \(reason)", at: SourceMark(file: path, line: 1, column: 1)))
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return failure(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return failure(String(cString: strerror(errno)))
            }
            if count == 0 { return .success(bytes) }
            bytes.append(contentsOf: chunk[..<count])
        }
    }
}
