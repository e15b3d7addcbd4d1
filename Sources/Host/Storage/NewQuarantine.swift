/// A payload that could not be mapped, kept with its errors until it is replayed (SPEC §7).
package struct NewQuarantine: Sendable {
    /// The payload as JSON text, as received (for a `for_each` item: the whole payload).
    package var payloadText: String
    /// The kept request headers as a JSON object text.
    package var headersText: String
    /// Every error, as the response shows them (`fields.reporter: required field is missing`).
    package var errors: [String]
    /// The mapper that failed, when one was selected.
    package var mapperName: String?

    package init(payloadText: String, headersText: String, errors: [String], mapperName: String? = nil) {
        self.payloadText = payloadText
        self.headersText = headersText
        self.errors = errors
        self.mapperName = mapperName
    }
}
