/// A YAML file that cannot be loaded, with the place to fix.
///
/// One small struct for every failure (libyaml's syntax errors, the rules Intake adds such as
/// duplicate keys and refused aliases, an unreadable file) so that callers print one shape:
/// `mappers/forms.yaml:14:9: duplicate key 'regex' (first at line 12)`. Later stages that
/// find a problem in a loaded node (a bad step argument) can throw it too, with the node's mark.
public struct YAMLError: Error, CustomStringConvertible, Sendable {
    /// Where the problem is.
    public var mark: SourceMark
    /// What is wrong, written for the person editing the file.
    public var message: String

    public init(mark: SourceMark, message: String) {
        self.mark = mark
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String { "\(mark): \(message)" }
}
