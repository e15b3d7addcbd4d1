/// What a compiled pipeline refers to, nested pipelines included, for `intake check`.
extension Pipeline {
    /// The literals any of its steps can output, in file order: the names a `type:`
    /// pipeline can select are read from these.
    public var literals: [(value: JSON, mark: SourceMark)] {
        flatReferences.compactMap { reference in
            guard case .literal(let value, let mark) = reference else { return nil }
            return (value, mark)
        }
    }

    /// The fields any of its steps reads by name, in file order.
    public var fieldsRead: [(name: String, mark: SourceMark)] {
        flatReferences.compactMap { reference in
            guard case .field(let name, let mark) = reference else { return nil }
            return (name, mark)
        }
    }

    /// Every step's references, each nested pipeline replaced by its own.
    private var flatReferences: [StepReference] {
        entries.flatMap { entry in
            entry.step.references.flatMap { reference -> [StepReference] in
                if case .pipeline(let nested) = reference { return nested.flatReferences }
                return [reference]
            }
        }
    }
}
