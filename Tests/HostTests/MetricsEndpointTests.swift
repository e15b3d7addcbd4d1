import Foundation
import Testing
import Transforms

@testable import Host

/// `GET /metrics` after real traffic: the series of SPEC §4 and §10 with their labels and values.
///
/// The registry is per process (swift-metrics is), and other suites run listeners in the same
/// process, so this test uses an instance and a mapper of its own with random names: every
/// series it checks exactly is one nothing else touches.
@Suite struct MetricsEndpointTests {
    @Test func countersAndHistogramsFollowTheRequests() async throws {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let instance = "metrics-\(suffix)"
        let mapper = "probe-\(suffix)"
        let config = """
            instances:
              - name: \(instance)
                auth: none
                mappers: [\(mapper)]
            """
        let mapperText = """
            mapper: \(mapper)
            when: { path: $.kind, equals: probe }
            type: Phishing
            dedup: $.id
            fields:
              name: $.title
              reporter: $.email
            """
        try await TestServer.with(
            config,
            prepare: { folder in
                try mapperText.write(to: folder.appendingPathComponent("mappers/\(mapper).yaml"), atomically: true, encoding: .utf8)
            }
        ) { server in
            let path = "/instance/execute/\(instance)"
            let bodies = [
                #"{"kind": "probe", "id": "1", "title": "A", "email": "a@example.com"}"#,  // created
                #"{"kind": "probe", "id": "1", "title": "A", "email": "a@example.com"}"#,  // duplicate
                #"{"kind": "probe", "id": "2", "title": "B", "email": "not an email"}"#,  // reporter: error
                #"{"kind": "probe", "id": "3", "email": "c@example.com"}"#,  // name: missing
                #"{"name": "default mapping"}"#,  // no mapper
            ]
            for body in bodies {
                #expect(try await TestHTTP.post(port: server.port, path, json: body).status == 200)
            }
            #expect(try await TestHTTP.post(port: server.port, path, json: "{oops").status == 400)
            #expect(try await TestHTTP.send(port: server.port, "GET", path, body: "").status == 405)

            let response = try await TestHTTP.send(port: server.port, "GET", "/metrics", body: "")
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            let metrics = PrometheusText(response.text)

            #expect(metrics.value(#"intake_requests_total{instance="\#(instance)",status="200"}"#) == 5)
            #expect(metrics.value(#"intake_requests_total{instance="\#(instance)",status="400"}"#) == 1)
            #expect(metrics.value(#"intake_requests_total{instance="\#(instance)",status="405"}"#) == 1)
            // Every family has its HELP line right before its TYPE line (promtool's rule).
            let lines = metrics.lines
            for (index, line) in lines.enumerated() where line.hasPrefix("# TYPE intake_") {
                let name = line.split(separator: " ")[2]
                #expect(index > 0 && lines[index - 1].hasPrefix("# HELP \(name) ") && lines[index - 1].count > "# HELP \(name) ".count, "\(name)")
            }
            #expect(metrics.value(#"intake_incidents_total{instance="\#(instance)",type="Phishing",status="created"}"#) == 2)
            #expect(metrics.value(#"intake_incidents_total{instance="\#(instance)",type="Phishing",status="duplicate"}"#) == 1)
            #expect(metrics.value(#"intake_incidents_total{instance="\#(instance)",type="Unclassified",status="created"}"#) == 1)
            #expect(metrics.value(#"intake_quarantined_total{instance="\#(instance)"}"#) == 1)

            #expect(metrics.value(#"intake_field_results_total{mapper="\#(mapper)",field="name",result="mapped"}"#) == 3)
            #expect(metrics.value(#"intake_field_results_total{mapper="\#(mapper)",field="name",result="missing"}"#) == 1)
            #expect(metrics.value(#"intake_field_results_total{mapper="\#(mapper)",field="reporter",result="mapped"}"#) == 3)
            #expect(metrics.value(#"intake_field_results_total{mapper="\#(mapper)",field="reporter",result="error"}"#) == 1)
            #expect(metrics.value(#"intake_field_results_total{mapper="\#(mapper)",field="reporter",result="missing"}"#) == nil)

            // One mapping observation per payload; the 400 never reached mapping.
            #expect(metrics.value(#"intake_mapping_seconds_count{instance="\#(instance)"}"#) == 5)
            #expect(metrics.value(#"intake_mapping_seconds_bucket{instance="\#(instance)",le="+Inf"}"#) == 5)
            #expect(metrics.lines.contains { $0.hasPrefix("# TYPE intake_mapping_seconds histogram") })
            #expect((metrics.value(#"intake_commit_seconds_count"#) ?? 0) >= 5)
            #expect(metrics.lines.contains { $0.hasPrefix("# TYPE intake_commit_seconds histogram") })

            // The store's own counters: this server's store committed the five requests.
            #expect(metrics.value("intake_store_batches_total") == 5)
            let transactions = try #require(metrics.value("intake_store_transactions_total"))
            #expect((1...5).contains(transactions))
            #expect(metrics.lines.contains("# TYPE intake_store_transactions_total counter"))

            // An unknown instance is counted under one fixed label, never the name sent.
            let probe = "nobody-\(suffix)"
            #expect(try await TestHTTP.post(port: server.port, "/instance/execute/\(probe)", json: "{}").status == 404)
            let after = PrometheusText(try await TestHTTP.send(port: server.port, "GET", "/metrics", body: "").text)
            #expect((after.value(#"intake_requests_total{instance="<unknown>",status="404"}"#) ?? 0) >= 1)
            #expect(!after.text.contains(probe))
        }
    }

    @Test func fieldResultsAreReadFromTheTrace() throws {
        let outcome = MappingOutcome(
            result: .quarantined(errors: ["fields.urls: step 2 (regex): bad", "fields.reporter: required field is missing"]),
            mapper: MapperIdentity(name: "m", version: 1),
            trace: ["mapper": "m", "fields": ["name": ["steps": [], "value": "x"], "urls": ["steps": []], "reporter": ["steps": []]]])
        var tally = FieldResultTally()
        tally.add(outcome)
        tally.add(MappingOutcome(result: .mapped(Incident(type: "T", occurred: Instant(millisecondsSinceEpoch: 0))), trace: ["mapper": .null]))
        #expect(
            tally.counts == [
                .init(mapper: "m", field: "name", result: .mapped): 1,
                .init(mapper: "m", field: "urls", result: .error): 1,
                .init(mapper: "m", field: "reporter", result: .missing): 1,
            ])
        #expect(FieldResultTally.fieldName(of: "fields.a.b: c: d") == "a.b")
        #expect(FieldResultTally.fieldName(of: "dedup: nothing") == nil)
    }
}

/// Prometheus text, read by series.
struct PrometheusText {
    let text: String
    var lines: [String] { text.split(separator: "\n").map(String.init) }

    init(_ text: String) {
        self.text = text
    }

    /// The value of the series written exactly as `series` (name and labels in order).
    func value(_ series: String) -> Double? {
        for line in lines where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }
}
