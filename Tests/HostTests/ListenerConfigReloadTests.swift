import Foundation
import Testing
import Transforms

@testable import Host

/// A reload reads `intake.yaml` again (SPEC §12 "Reload"): instances, their `on_unmatched`,
/// and `actions:` change without a restart; settings only a restart applies keep their
/// running values and are named; a file that does not load keeps everything running.
@Suite(.timeLimit(.minutes(2)))
struct ListenerConfigReloadTests {
    static let unmatched = #"{"kind": "other", "title": "Not a phish"}"#

    static func configuration(listen: String = "{ host: 127.0.0.1, port: 0 }", instances: String, actions: String = "") -> String {
        """
        listen: \(listen)
        storage: { sqlite: intake.db }
        mappers: mappers
        instances:
        \(instances)
        \(actions)
        """
    }

    static func action(url: String, types: String = "[Phishing]") -> String {
        """
        actions:
          - name: hook
            when: { types: \(types) }
            request: { url: "\(url)", timeout_s: 2 }
            concurrency: 16
            retry: { attempts: 2, initial_s: 1, max_s: 1 }
        """
    }

    @Test func aReloadAppliesInstancesUnmatchedAndActionsAndNamesWhatNeedsARestart() async throws {
        try await TestReceiver.with { receiver in
            let first = Self.configuration(
                instances: "  - { name: forms, auth: none, mappers: [test-phish] }\n  - { name: old, auth: none }")
            try await TestServer.with(first) { server in
                let file = server.folder.appendingPathComponent("intake.yaml")
                // Before: an unmatched payload takes the default mapping, `old` answers, no action.
                #expect(try await AdminHTTP.ingest(server, "forms", Self.unmatched).first?["status"] == "created")
                #expect(try await TestHTTP.post(port: server.port, "/instance/execute/old", json: "{}").status == 200)

                try Self.configuration(
                    listen: "{ host: 127.0.0.1, port: 1 }",
                    instances: "  - { name: forms, auth: none, mappers: [test-phish], on_unmatched: reject }\n"
                        + "  - { name: extra, auth: none, mappers: [test-phish] }",
                    actions: Self.action(url: receiver.url)
                ).write(to: file, atomically: true, encoding: .utf8)
                let reloaded = try await AdminHTTP.post(server, "/api/reload", json: "")
                #expect(reloaded.status == 200, "\(reloaded)")
                #expect(reloaded["generation"] == 2)
                #expect(reloaded["configuration"]?.stringValue == file.path)
                #expect(reloaded["instances"]?.objectValue?.keys.sorted() == ["extra", "forms"], "\(reloaded)")
                #expect(reloaded["actions"] == ["hook"], "\(reloaded)")
                #expect(reloaded["restart_needed"] == ["listen"], "\(reloaded)")
                #expect(server.logs.all.contains { $0.contains("need a restart are not applied") && $0.contains("listen") })

                // After: forms rejects what no mapper takes, `old` is gone, `extra` answers, the
                // listener still answers on its port, and a phish triggers the new action.
                let rejected = try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: Self.unmatched)
                #expect(rejected.status == 422, "\(rejected)")
                #expect(try await TestHTTP.post(port: server.port, "/instance/execute/old", json: "{}").status == 404)
                let extra = try await AdminHTTP.ingest(server, "extra", ListenerReloadTests.report("e1"))
                #expect(extra.first?["status"] == "created", "\(extra)")
                let delivered = await receiver.log.wait(for: 1)
                #expect(delivered.count == 1, "the incident stored after the reload triggers the new action")
                #expect(delivered.first?.text.contains("Report e1") == true, "\(delivered.first?.text ?? "")")

                // A file that does not load: 422 with the place, and everything running is kept.
                try (try String(contentsOf: file, encoding: .utf8)).replacingOccurrences(of: "on_unmatched: reject", with: "on_unmatched: rejectt")
                    .write(to: file, atomically: true, encoding: .utf8)
                let refused = try await AdminHTTP.post(server, "/api/reload", json: "")
                #expect(refused.status == 422, "\(refused)")
                let errors = refused["errors"]?.arrayValue?.compactMap(\.stringValue) ?? []
                #expect(errors.contains { $0.hasPrefix(file.path + ":5:") && $0.contains("on_unmatched") }, "\(refused)")
                #expect(try await TestHTTP.post(port: server.port, "/instance/execute/forms", json: Self.unmatched).status == 422)

                // An action for a type no file declares is refused as `intake serve` refuses it.
                try Self.configuration(
                    instances: "  - { name: forms, auth: none, mappers: [test-phish] }",
                    actions: Self.action(url: receiver.url, types: "[Phising]")
                ).write(to: file, atomically: true, encoding: .utf8)
                let misspelt = try await AdminHTTP.post(server, "/api/reload", json: "")
                #expect(misspelt.status == 422, "\(misspelt)")
                #expect(misspelt["errors"]?.arrayValue?.first?.stringValue?.contains("when.types names 'Phising'") == true, "\(misspelt)")
            }
        }
    }
}

/// `intake serve` as a process: SIGHUP and `--watch` on a changed `intake.yaml` under load.
@Suite(.serialized, .enabled(if: IntakeBinary.isBuilt, "run `swift build` first: these tests run the intake binary"))
struct ServeConfigReloadProcessTests {
    /// Four clients post back to back while intake.yaml gains an action, then an instance, then
    /// a broken line, then is fixed, with a SIGHUP after each: every request is answered 200;
    /// the incidents stored after the action appeared are delivered.
    @Test func sighupReloadsTheConfigurationUnderLoadWithoutAFailedRequest() async throws {
        try await TestReceiver.with { receiver in
            let instances = "  - { name: forms, auth: none, mappers: [test-phish] }"
            let serve = try await ServeProcess.start(
                arguments: [], configuration: ListenerConfigReloadTests.configuration(instances: instances))
            defer { serve.stop() }
            let load = Task { try await ListenerReloadTests.postReports(port: serve.port, clients: 4, each: 120) }
            let withAction = ListenerConfigReloadTests.configuration(
                instances: instances, actions: ListenerConfigReloadTests.action(url: receiver.url))
            let steps: [(text: String, broken: Bool)] = [
                (withAction, false),
                (withAction.replacingOccurrences(of: instances, with: instances + "\n  - { name: second, auth: none }"), false),
                (withAction + "\nlimitz: {}\n", true),
                (withAction, false),
            ]
            for step in steps {
                try await Task.sleep(for: .milliseconds(150))
                try step.text.write(to: serve.folder.appendingPathComponent("intake.yaml"), atomically: true, encoding: .utf8)
                let marker = step.broken ? "reload failed" : "configuration and mappers reloaded"
                let logged = serve.log.all.joined().components(separatedBy: marker).count
                kill(serve.pid, SIGHUP)
                try await serve.waitUntil { $0.components(separatedBy: marker).count > logged }
            }
            let statuses = try await load.value
            #expect(statuses.count == 480)
            #expect(statuses.allSatisfy { $0 == 200 }, "\(Dictionary(grouping: statuses) { $0 }.mapValues(\.count))")

            let metrics = PrometheusText(try await TestHTTP.send(port: serve.port, "GET", "/metrics", body: "").text)
            #expect(metrics.value(#"intake_reloads_total{result="reloaded"}"#) == 3)
            #expect(metrics.value(#"intake_reloads_total{result="failed"}"#) == 1)
            let last = try await TestHTTP.post(port: serve.port, "/instance/execute/forms", json: ListenerReloadTests.report("last"))
            #expect(last.status == 200, "\(last)")
            // The incident stored after the reloads triggers the action added by the first one.
            var lastDelivered = false
            for _ in 0..<600 where !lastDelivered {
                lastDelivered = await receiver.log.requests.contains { $0.text.contains("Report last") }
                if !lastDelivered { try await Task.sleep(for: .milliseconds(50)) }
            }
            let deliveries = await receiver.log.requests.count
            #expect(lastDelivered, "\(deliveries) deliveries, none for the last report")
            #expect(serve.process.isRunning, "SIGHUP must not end the process")
        }
    }

    @Test func watchReloadsWhenTheConfigurationFileChanges() async throws {
        let serve = try await ServeProcess.start(arguments: ["--watch"])
        defer { serve.stop() }
        #expect(try await TestHTTP.post(port: serve.port, "/instance/execute/later", json: "{}").status == 404)
        try (ServeProcess.defaultConfiguration + "\n  - { name: later, auth: none }\n").write(
            to: serve.folder.appendingPathComponent("intake.yaml"), atomically: true, encoding: .utf8)
        try await serve.waitUntil { $0.contains("configuration and mappers reloaded") && $0.contains("trigger=watch") }
        #expect(try await TestHTTP.post(port: serve.port, "/instance/execute/later", json: "{}").status == 200)
    }
}
