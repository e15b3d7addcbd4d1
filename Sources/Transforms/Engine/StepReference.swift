/// Something a compiled step refers to that `intake check` reasons about (SPEC §10 "Load-time
/// checking"), answered by the step itself.
///
/// The check asks the compiled steps instead of reading their YAML again, so it sees what the
/// engine will run and cannot drift from it: a `lookup: {table: x}`, whose `table` is not a
/// map, is a plain table with the entry `table: x` to both (S40), and a plugin step can answer
/// for itself.
public enum StepReference: Sendable {
    /// A value the step can output as written, whatever the payload: a `lookup` table's value
    /// or its `default`, a `value`, a `default`. The mark is the literal's own text.
    case literal(JSON, at: SourceMark)
    /// A field the step reads by name (`{{ name }}` in a `template`, `field: name`), missing
    /// unless a field earlier in the file mapped it (S16).
    case field(String, at: SourceMark)
    /// A pipeline the step runs: `each`'s, the branches of `if`, each of `coalesce`'s.
    case pipeline(Pipeline)
}
