extension JSON {
    /// A short quotation of a value for step errors: at most 60 characters of its JSON.
    ///
    /// Errors are stored with quarantined payloads and printed in logs, so they quote a
    /// value briefly, never a whole payload (STYLE item 5).
    public var errorExcerpt: String {
        let full = serialized()
        guard full.count > 60 else { return full }
        return String(full.prefix(57)) + "…"
    }
}
