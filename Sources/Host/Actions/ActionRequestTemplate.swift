/// `request:`: what an action sends, before an incident fills its templates in.
public struct ActionRequestTemplate: Sendable, Equatable {
    /// An `http://` or `https://` URL, `${NAME}` substituted.
    public var url: ConfiguredText
    /// `POST` (default), `PUT` or `PATCH`.
    public var method: String
    /// Header names and values in file order, values `${NAME}` substituted.
    public var headers: [(name: String, value: ConfiguredText)]
    /// `body:`: the JSON to send; nil sends the incident JSON of SPEC §7.
    public var body: BodyTemplate?

    public static let methods = ["POST", "PUT", "PATCH"]

    public init(url: ConfiguredText, method: String = "POST", headers: [(name: String, value: ConfiguredText)] = [], body: BodyTemplate? = nil) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
    }

    public static func == (left: ActionRequestTemplate, right: ActionRequestTemplate) -> Bool {
        left.url == right.url && left.method == right.method && left.body == right.body
            && left.headers.map(\.name) == right.headers.map(\.name) && left.headers.map(\.value) == right.headers.map(\.value)
    }
}
