import Transforms

/// The ready-made bodies `body:` may name instead of writing JSON (docs/actions.md).
enum ActionShapes {
    /// `incident`: the incident JSON of SPEC §7 (what no `body:` sends too);
    /// `slack`: a Slack incoming-webhook message.
    static let names = ["incident", "slack"]

    /// `{"text": "*Phishing* (severity 3): Suspicious mail — incident 12 from forms"}`.
    static let slack = BodyTemplate.object([
        (
            "text",
            .text(
                TextTemplate(
                    text: "*{{ type }}* (severity {{ severity }}): {{ name }} — incident {{ id }} from {{ instance }}",
                    parts: [
                        .literal("*"), .type, .literal("* (severity "), .field("severity"), .literal("): "), .field("name"),
                        .literal(" — incident "), .field("id"), .literal(" from "), .field("instance"),
                    ]))
        )
    ])
}
