extension YAMLNode {
    /// Whether the node is a null scalar (`~`, `null`, or nothing at all).
    public var isNull: Bool {
        if case .scalar(.null, _, _) = content { return true }
        return false
    }
}
