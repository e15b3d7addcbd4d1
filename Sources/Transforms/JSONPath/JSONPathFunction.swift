/// The function extensions RFC 9535 §2.4 defines, with their declared types.
///
/// The types are checked when the query is parsed (RFC 9535 §2.4.3 "well-typedness"), so a query like
/// `length(@.*)` is rejected at load time instead of quietly selecting nothing.
enum PathFunction: String, Sendable, CaseIterable {
    case length, count, match, search, value

    /// The three types of RFC 9535 §2.4.1.
    enum ParameterType: Sendable { case value, logical, nodes }

    var parameters: [ParameterType] {
        switch self {
        case .length: [.value]
        case .count: [.nodes]
        case .match, .search: [.value, .value]
        case .value: [.nodes]
        }
    }

    var resultType: ParameterType {
        switch self {
        case .length, .count, .value: .value
        case .match, .search: .logical
        }
    }
}
