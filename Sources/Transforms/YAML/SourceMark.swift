/// A place in a source file: file name, 1-based line and 1-based column.
///
/// Every YAML node keeps the mark where it starts so that an error found long after loading
/// (a bad regex in a mapper, an unknown step) can still point at the line a person must edit
/// (STYLE 4). Columns count characters (Unicode scalars), as libyaml does, not bytes.
public struct SourceMark: Sendable, Hashable, CustomStringConvertible {
    /// The file name as given to the loader (a path, or a label such as `<test>`).
    public var file: String
    /// The line, starting at 1.
    public var line: Int
    /// The column, starting at 1.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form editors and terminals turn into links.
    public var description: String { "\(file):\(line):\(column)" }
}
