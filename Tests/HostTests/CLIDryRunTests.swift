import Foundation
import Testing

/// `intake dry-run` on real files (SPEC §9, SEMANTICS S130–S132): the printed array, its exit
/// status, and each option as a user would pass it.
@Suite(.enabled(if: IntakeBinary.isBuilt, "run `swift build` first"))
struct CLIDryRunTests {
    /// `alerts` takes `kind: alert` payloads and needs the `X-Source-Host` header; `fallback`
    /// takes everything else.
    static let mappers = [
        "mappers/alerts.yaml": """
        mapper: alerts
        when: { path: $.kind, equals: alert }
        type: Outage
        dedup: $.id
        fields:
          name: $.title
          occurred: $.at
          severity: [ $.level, { lookup: { warn: 2, crit: 4 } } ]
          host: [ { header: X-Source-Host }, lowercase ]
          link: $.link

        """,
        "mappers/fallback.yaml": """
        mapper: fallback
        fields:
          name: [ { template: "fallback: {{ $.title }}" } ]

        """,
        "mappers/types.yaml": """
        incident_types:
          Outage:
            fields:
              host: { type: string, required: true }
              link: url
          Triage: {}

        """,
    ]

    static let alert =
        #"{"kind": "alert", "id": "a-1", "title": "Disk full", "at": "2026-11-28T14:03:12Z", "level": "crit", "link": "https://status.example/a/1"}"#
    static let other = #"{"kind": "chat", "title": "Hello"}"#

    static func folder(_ extra: [String: String] = [:]) throws -> ScratchFolder {
        let folder = try ScratchFolder()
        for (path, text) in mappers.merging(extra, uniquingKeysWith: { $1 }) { try folder.write(path, text) }
        return folder
    }

    /// The whole printed text, so key order (S120, S131), two-space indentation and unescaped
    /// `/` are checked as a user's diff would see them.
    @Test func allMappedExits0AndPrintsTheArray() throws {
        let folder = try Self.folder(["alert.json": Self.alert])
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(
            ["dry-run", "--header", "X-Source-Host:  DB-1.Example ", "alert.json"], in: folder.url)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stderr.isEmpty)
        #expect(
            outcome.stdout == """
                [
                  {
                    "source": "alert.json",
                    "status": "mapped",
                    "incident": {
                      "type": "Outage",
                      "name": "Disk full",
                      "occurred": "2026-11-28T14:03:12Z",
                      "severity": 4,
                      "fields": {
                        "host": "db-1.example",
                        "link": "https://status.example/a/1"
                      },
                      "mapper": {
                        "name": "alerts",
                        "version": 1
                      },
                      "dedup_key": "a-1"
                    }
                  }
                ]

                """)
    }

    @Test func someQuarantinedExits1WithEveryElement() throws {
        let folder = try Self.folder(["alert.json": Self.alert, "other.json": Self.other])
        defer { folder.remove() }
        // No --header: the alert's required `host` has no value.
        let outcome = try IntakeBinary.run(["dry-run", "other.json", "alert.json"], in: folder.url)
        #expect(outcome.status == 1, "\(outcome)")
        let printed = try elements(outcome)
        #expect(printed.map { $0["source"] as? String } == ["other.json", "alert.json"])
        #expect(printed.map { $0["status"] as? String } == ["mapped", "quarantined"])
        #expect(dig(printed.first, "incident", "name") as? String == "fallback: Hello")
        let errors = try #require(printed.last?["errors"] as? [String])
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("fields.host: ") == true, "\(errors)")
        #expect(printed.last?["incident"] == nil)
    }

    @Test func aMapperErrorExits2AndPrintsNoArray() throws {
        let folder = try Self.folder([
            "other.json": Self.other,
            "mappers/fallback.yaml": "mapper: fallback\nfields:\n  name: [ $.title, trimm ]\n",
        ])
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(["dry-run", "other.json"], in: folder.url)
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.hasPrefix("mappers/fallback.yaml:3:20: "), "\(outcome)")
        #expect(outcome.stderr.contains("did you mean 'trim'?"))
    }

    @Test func anUnreadablePayloadFileExits2AndPrintsNoArray() throws {
        let folder = try Self.folder(["other.json": Self.other])
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(["dry-run", "other.json", "absent.json"], in: folder.url)
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty, "the readable file's element is not printed either")
        #expect(outcome.stderr.hasPrefix("absent.json: "), "\(outcome)")
    }

    @Test func anInvalidJSONPayloadExits2WithTheByteOffset() throws {
        let folder = try Self.folder(["bad.json": #"{"title": "x", }"#])
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(["dry-run", "bad.json"], in: folder.url)
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.hasPrefix("bad.json: "), "\(outcome)")
        #expect(outcome.stderr.contains("byte 15"), "\(outcome)")
    }

    @Test func anArrayFileGivesOnePayloadPerElement() throws {
        let folder = try Self.folder(["batch.json": "[\(Self.other), {\"title\": \"Two\"}, 7]"])
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(["dry-run", "--received-at", "2026-11-29T12:00:00Z", "batch.json"], in: folder.url)
        #expect(outcome.status == 0, "\(outcome)")
        let printed = try elements(outcome)
        #expect(printed.map { $0["source"] as? String } == ["batch.json#0", "batch.json#1", "batch.json#2"])
        #expect(printed.map { dig($0, "incident", "name") as? String } == ["fallback: Hello", "fallback: Two", "fallback: "])
        #expect(printed.allSatisfy { $0["item"] == nil }, "item is only for for_each")
    }

    @Test func forEachPutsItemRightAfterSource() throws {
        let folder = try Self.folder([
            "mappers/fallback.yaml": "mapper: fallback\nfor_each: $.alerts[*]\nfields:\n  name: $.name\n",
            "alerts.json": #"{"alerts": [{"name": "a"}, {"name": "b"}]}"#,
        ])
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(["dry-run", "--received-at", "2026-11-29T12:00:00Z", "alerts.json"], in: folder.url)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout.contains("\"source\": \"alerts.json\",\n    \"item\": 1,\n    \"status\": \"mapped\""), "\(outcome)")
        #expect(try elements(outcome).map { $0["item"] as? Int } == [0, 1])
    }

    @Test func receivedAtIsTheOccurredTimeOnlyWhenUnmapped() throws {
        let folder = try Self.folder(["alert.json": Self.alert, "other.json": Self.other])
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(
            ["dry-run", "--received-at", "2026-01-02T03:04:05.678Z", "--header", "x-source-host: h", "other.json", "alert.json"],
            in: folder.url)
        #expect(outcome.status == 0, "\(outcome)")
        let printed = try elements(outcome)
        #expect(dig(printed.first, "incident", "occurred") as? String == "2026-01-02T03:04:05.678Z")
        #expect(dig(printed.last, "incident", "occurred") as? String == "2026-11-28T14:03:12Z")

        let bad = try IntakeBinary.run(["dry-run", "--received-at", "yesterday", "other.json"], in: folder.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--received-at"), "\(bad)")
        #expect(bad.stdout.isEmpty)
    }

    @Test func headersAreSplitAtTheFirstColonAndMatchedIgnoringCase() throws {
        let folder = try Self.folder(["alert.json": Self.alert])
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(
            ["dry-run", "--header", "Accept: */*", "--header", "x-SOURCE-host :  Web:8080 ", "alert.json"], in: folder.url)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(dig(try elements(outcome).first, "incident", "fields", "host") as? String == "web:8080")

        let bad = try IntakeBinary.run(["dry-run", "--header", "NoColon", "alert.json"], in: folder.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--header: 'NoColon'"), "\(bad)")
    }

    @Test func defaultTypeIsTheInstanceType() throws {
        let folder = try Self.folder(["other.json": Self.other])
        defer { folder.remove() }
        // The chain of `alerts` alone: `other.json` takes the default mapping.
        let outcome = try IntakeBinary.run(
            ["dry-run", "--mapper", "alerts", "--default-type", "Triage", "--received-at", "2026-11-29T12:00:00Z", "other.json"],
            in: folder.url)
        #expect(outcome.status == 0, "\(outcome)")
        let incident = try #require(dig(try elements(outcome).first, "incident") as? [String: Any])
        #expect(incident["type"] as? String == "Triage")
        #expect(incident["name"] as? String == "Generic webhook triggered incident")
        #expect(incident["mapper"] == nil)

        let mapped = try IntakeBinary.run(["dry-run", "--mapper", "fallback", "--default-type", "Triage", "other.json"], in: folder.url)
        #expect(dig(try elements(mapped).first, "incident", "type") as? String == "Triage")
    }

    @Test func aChainIsTriedInTheOrderGiven() throws {
        let folder = try Self.folder(["alert.json": Self.alert])
        defer { folder.remove() }
        let alertsFirst = try IntakeBinary.run(
            ["dry-run", "--mapper", "alerts", "--mapper", "fallback", "--header", "X-Source-Host: h", "alert.json"], in: folder.url)
        #expect(dig(try elements(alertsFirst).first, "incident", "mapper", "name") as? String == "alerts", "\(alertsFirst)")
        let fallbackFirst = try IntakeBinary.run(
            ["dry-run", "--mapper", "fallback", "--mapper", "alerts", "alert.json"], in: folder.url)
        #expect(dig(try elements(fallbackFirst).first, "incident", "mapper", "name") as? String == "fallback", "\(fallbackFirst)")

        let unknown = try IntakeBinary.run(["dry-run", "--mapper", "alertz", "alert.json"], in: folder.url)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no mapper named 'alertz'"), "\(unknown)")
        #expect(unknown.stderr.contains("alerts, fallback"), "\(unknown)")
    }

    /// `--mapper PATH` loads a file outside the folder; with no `./mappers` at all it still works.
    @Test func aMapperFileByPath() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try folder.write("work/mine.yaml", "mapper: mine\nversion: 4\nfields:\n  name: [ $.title, uppercase ]\n")
        try folder.write("other.json", Self.other)
        let outcome = try IntakeBinary.run(["dry-run", "--mapper", "work/mine.yaml", "other.json"], in: folder.url)
        #expect(outcome.status == 0, "\(outcome)")
        let incident = dig(try elements(outcome).first, "incident")
        #expect(dig(incident, "name") as? String == "HELLO")
        #expect(dig(incident, "mapper", "name") as? String == "mine")
        #expect(dig(incident, "mapper", "version") as? Int == 4)

        let broken = try IntakeBinary.run(["dry-run", "--mapper", "work/absent.yaml", "other.json"], in: folder.url)
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("work/absent.yaml:1:1: "), "\(broken)")
    }

    /// `--explain` on a list: the lookup notes the entry used per element (`null` for a miss),
    /// and a template the nodes of all its `{{ $… }}` parts.
    @Test func explainNotesListLookupsAndTemplateNodes() throws {
        let folder = try Self.folder([
            "mappers/fallback.yaml": """
            mapper: fallback
            fields:
              name: [ { template: "{{ $.who }} on {{ $.hosts[*] }}" } ]
              tags: [ $.tags, { split: "," }, trim, { lookup: { a: Alpha, b: Beta } } ]

            """,
            "tags.json": #"{"who": "ana", "hosts": ["h1", "h2"], "tags": "a, x,b"}"#,
        ])
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(["dry-run", "--explain", "--received-at", "2026-11-29T12:00:00Z", "tags.json"], in: folder.url)
        #expect(outcome.status == 0, "\(outcome)")
        let element = try elements(outcome).first
        let lookup = dig(element, "trace", "fields", "tags", "steps", 3) as? [String: Any]
        #expect(lookup?["step"] as? String == "lookup")
        #expect(lookup?["input"] as? [String] == ["a", "x", "b"])
        let entries = lookup?["entries"] as? [Any]
        #expect(entries?.count == 3)
        #expect(entries?.first as? String == "a")
        #expect(entries?[1] is NSNull)
        #expect(entries?.last as? String == "b")
        #expect(lookup?["output"] as? [String] == ["Alpha", "Beta"])

        let template = dig(element, "trace", "fields", "name", "steps", 0) as? [String: Any]
        #expect(template?["nodes"] as? [String] == ["$['who']", "$['hosts'][0]", "$['hosts'][1]"])
        #expect(template?["output"] as? String == #"ana on ["h1","h2"]"#)
    }

    @Test func noPayloadIsAUsageError() throws {
        let folder = try Self.folder()
        defer { folder.remove() }
        let outcome = try IntakeBinary.run(["dry-run"], in: folder.url)
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
    }
}
