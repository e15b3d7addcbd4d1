/// `request:`: what an action sends, before an incident fills its templates in.
package struct ActionRequestTemplate: Sendable, Equatable {
    /// An `http://` or `https://` URL, `${NAME}` substituted.
    package var url: ConfiguredText
    /// `POST` (default), `PUT` or `PATCH`.
    package var method: String
    /// Header names and values in file order, values `${NAME}` substituted.
    package var headers: [(name: String, value: ConfiguredText)]
    /// `body:`: the JSON to send; nil sends the incident JSON of SPEC §7.
    package var body: BodyTemplate?

    package static let methods = ["POST", "PUT", "PATCH"]

    package init(url: ConfiguredText, method: String = "POST", headers: [(name: String, value: ConfiguredText)] = [], body: BodyTemplate? = nil) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
    }

    package static func == (left: ActionRequestTemplate, right: ActionRequestTemplate) -> Bool {
        left.url == right.url && left.method == right.method && left.body == right.body
            && left.headers.map(\.name) == right.headers.map(\.name) && left.headers.map(\.value) == right.headers.map(\.value)
    }
}
