/// The text form of row ids: incidents `"12"`, quarantined payloads `"q12"`, samples `"s12"`,
/// deliveries `"d12"`.
///
/// Incident ids are bare numbers because the reference product's are; the prefixes keep a
/// quarantine id from ever being read as an incident id (a replayed `q5` is not incident 5).
enum StoreIdentifier {
    case incident
    case quarantine
    case sample
    case delivery

    var prefix: String {
        switch self {
        case .incident: ""
        case .quarantine: "q"
        case .sample: "s"
        case .delivery: "d"
        }
    }

    func text(_ number: Int64) -> String {
        prefix + String(number)
    }

    /// The row number of a canonical id of this kind (`q17` → 17), or nil: no sign, no
    /// leading zero, no other prefix, so each row has exactly one id.
    func number(_ text: String) -> Int64? {
        guard text.hasPrefix(prefix) else { return nil }
        let digits = text.dropFirst(prefix.count)
        guard let number = Int64(digits), number > 0, String(number) == digits else { return nil }
        return number
    }
}
