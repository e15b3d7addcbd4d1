/// The "did you mean" of `intake check`'s warnings about names (SPEC §12 "Dedup templates"): a
/// field read by a name the mapper does not map, a type no types file declares, a field no
/// selectable type declares. Each warning offers the closest name the mapper or the types do
/// have, because the usual cause is a typo (`reportr`, `Phising`, `occured`).
extension MapperLint {
    /// The closest of `candidates` to `name` (case ignored), when close enough to be a typo:
    /// at most max(1, a quarter of its length) edits, so `nope` suggests nothing.
    static func suggestion(for name: String, among candidates: [String]) -> String? {
        let lowered = name.lowercased()
        let scored = candidates.filter { $0 != name }.map { (candidate: $0, distance: editDistance($0.lowercased(), lowered)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= max(1, name.count / 4) else { return nil }
        return best.candidate
    }

    /// `" (did you mean 'X'?)"`, or `""` when no candidate is close.
    static func hint(for name: String, among candidates: [String]) -> String {
        suggestion(for: name, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
