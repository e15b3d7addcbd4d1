import Transforms

/// The mapper compiler (`Mapper(node:file:sourceText:)`), as `intake check` and the server
/// load mapper files.
///
/// Property: a mapper that does not compile is refused with every error at a `line:column`
/// inside the text; a mapper that compiles maps the shipped sample payloads, and each
/// outcome's dry-run JSON (what `intake dry-run` prints) survives serialise → parse.
enum MapperFuzz {
    /// The shipped types and sample payloads, read once from the repository (scripts/fuzz.sh
    /// runs from its root).
    static let fixtures = Fixtures()

    static func check(_ input: [UInt8]) {
        let text = decodedText(input)
        let places = SourcePlaces(text)
        guard let node = YAMLFuzz.load(text, places) else { return }
        let chain: MappingChain
        do {
            let mapper = try Mapper(node: node, file: "fuzz.yaml", sourceText: text, registry: .builtIn)
            chain = try MappingChain(mappers: [mapper], types: fixtures.types, defaultType: "Unclassified")
        } catch {
            require(!error.errors.isEmpty, "a mapper was refused with no error")
            for error in error.errors {
                require(places.contains(error.mark), "mapper error mark \(error.mark) outside the text: \(error.message)")
            }
            return
        }
        let request = MappingRequest(receivedAt: fixtures.receivedAt, explain: true)
        for payload in fixtures.payloads {
            let outcomes = chain.map(payload, request: request)
            require(!outcomes.isEmpty, "mapping gave no outcome")
            for outcome in outcomes {
                // Compared as text: instants serialise as RFC 3339 strings and read back as strings.
                let text = outcome.dryRunJSON(source: "fuzz").serialized()
                require((try? JSON.parse(text))?.serialized() == text, "a mapping outcome does not survive serialise → parse: \(text.prefix(300))")
            }
        }
    }

    struct Fixtures: Sendable {
        var types = IncidentTypeCatalog()
        var payloads: [JSON] = []
        let receivedAt = Instant(millisecondsSinceEpoch: 1_764_000_000_000)

        init() {
            do {
                try types.load(YAMLLoader.load(contentsOf: "mappers/incident-types.yaml"))
                for source in [
                    "google_forms/sheets_trigger_phishing", "alertmanager/webhook_two_alerts_firing_zulip_fixture",
                    "typeform/form_response_official_example", "github/code_scanning_alert_created",
                ] {
                    payloads.append(try JSON.parse(bytes: readInput("samples/\(source).json")))
                }
            } catch {
                fail("cannot read the fixtures (run from the repository root): \(error)")
            }
        }
    }
}
