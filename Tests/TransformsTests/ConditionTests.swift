import Testing

@testable import Transforms

/// Conditions (SEMANTICS S55–S57), compiled from YAML text and tested on payloads.
@Suite struct ConditionTests {
    func condition(_ yaml: String) throws -> Condition {
        try PipelineCompiler(registry: .builtIn, place: "when").compileCondition(YAMLLoader.load(yaml, file: "when.yaml"))
    }

    /// Whether `yaml` holds on `payload`; without `subject`, the subject is the payload (as in `when`).
    func holds(_ yaml: String, _ payload: String = "{}", subject: JSON?? = .none) throws -> Bool {
        let payload = try JSON.parse(payload)
        return try condition(yaml).holds(subject: subject ?? payload, payload: payload)
    }

    func loadError(_ yaml: String) -> SourceError? {
        do {
            _ = try condition(yaml)
            return nil
        } catch let error as SourceError {
            return error
        } catch {
            Issue.record("expected a SourceError, got \(error)")
            return nil
        }
    }

    @Test func equalsUsesJSONEquality() throws {
        #expect(try holds("{ path: $.a, equals: 3 }", #"{"a": 3.0}"#))
        #expect(try !holds("{ path: $.a, equals: 3 }", #"{"a": "3"}"#))
        #expect(try !holds("{ path: $.a, equals: 1 }", #"{"a": true}"#))
        #expect(try holds("{ path: $.a, equals: { x: [1, null] } }", #"{"a": {"x": [1.0, null]}}"#))
        #expect(try holds("{ path: $.a, equals: ~ }", #"{"a": null}"#))
        #expect(try !holds("{ path: $.a, equals: ~ }", "{}"))  // missing is not null
        #expect(try holds(#"{ path: $.a, equals: "" }"#, #"{"a": ""}"#))
    }

    @Test func notEqualsIsNotEquals() throws {
        #expect(try holds("{ path: $.env, not_equals: prod }", "{}"))
        #expect(try holds("{ path: $.env, not_equals: prod }", #"{"env": "dev"}"#))
        #expect(try !holds("{ path: $.env, not_equals: prod }", #"{"env": "prod"}"#))
        // Over several nodes it is the negation of "any node equals".
        #expect(try !holds("{ path: '$.l[*]', not_equals: 2 }", #"{"l": [1, 2]}"#))
        #expect(try holds("{ path: '$.l[*]', not_equals: 3 }", #"{"l": [1, 2]}"#))
    }

    @Test func inHoldsForAnyElement() throws {
        #expect(try holds("{ path: $.h, in: [0, 1, 2] }", #"{"h": 2}"#))
        #expect(try holds("{ path: $.h, in: [0, 1, 2] }", #"{"h": 2.0}"#))
        #expect(try !holds("{ path: $.h, in: [0, 1, 2] }", #"{"h": "2"}"#))
        #expect(try !holds("{ path: $.h, in: [] }", #"{"h": 2}"#))
        #expect(try !holds("{ path: $.h, in: [0] }", "{}"))
    }

    @Test func matchesSearchesText() throws {
        #expect(try holds("{ path: $.t, matches: 'b+' }", #"{"t": "abbc"}"#))  // unanchored
        #expect(try !holds("{ path: $.t, matches: '^b' }", #"{"t": "abbc"}"#))
        #expect(try holds("{ path: $.t, matches: '^4\\d$' }", #"{"t": 42}"#))
        #expect(try holds("{ path: $.t, matches: '^1\\.0$' }", #"{"t": 1.0}"#))
        #expect(try holds("{ path: $.t, matches: '^true$' }", #"{"t": true}"#))
        #expect(try holds("{ path: $.t, matches: '\\w' }", #"{"t": "é"}"#))
        for value in ["null", #"["a"]"#, #"{"a": "a"}"#] {
            #expect(try !holds("{ path: $.t, matches: '.*' }", #"{"t": \#(value)}"#))
        }
        #expect(try !holds("{ path: $.t, matches: '.*' }", "{}"))
    }

    @Test func existsCountsNodesEvenNull() throws {
        #expect(try holds("{ path: $.m, exists: true }", #"{"m": null}"#))
        #expect(try holds("{ path: $.m, exists: true }", #"{"m": ""}"#))
        #expect(try !holds("{ path: $.m, exists: true }", "{}"))
        #expect(try holds("{ path: $.m, exists: false }", "{}"))
        #expect(try !holds("{ path: '$.l[*]', exists: true }", #"{"l": []}"#))
        #expect(try holds("{ path: '$.l[*]', exists: true }", #"{"l": [null]}"#))
    }

    @Test func nonSingularHoldsWhenAnyNodeSatisfies() throws {
        let payload = #"{"items": [{"sev": "low"}, {"sev": "critical"}, {}]}"#
        #expect(try holds("{ path: '$.items[*].sev', equals: critical }", payload))
        #expect(try !holds("{ path: '$.items[*].sev', equals: high }", payload))
        #expect(try holds("{ path: '$..sev', matches: '^crit' }", payload))
        #expect(try !holds("{ path: '$.nope[*]', equals: critical }", payload))
    }

    @Test func withoutPathTestsTheSubject() throws {
        #expect(try holds(#"{ equals: "" }"#, subject: .some(.some(""))))
        #expect(try holds("{ exists: true }", subject: .some(.some(.null))))
        #expect(try !holds("{ exists: true }", subject: .some(.none)))
        #expect(try holds("{ exists: false }", subject: .some(.none)))
        #expect(try !holds("{ equals: ~ }", subject: .some(.none)))
        #expect(try holds("{ not_equals: ~ }", subject: .some(.none)))
        #expect(try holds("{ in: [a, [1, 2]] }", subject: .some(.some([1, 2]))))  // a list is tested whole
        #expect(try holds(#"{ equals: { kind: x } }"#, #"{"kind": "x"}"#))  // `when`: the whole payload
        // `path` ignores the subject and queries the payload.
        #expect(try holds("{ path: $.a, equals: 1 }", #"{"a": 1}"#, subject: .some(.some(2))))
    }

    @Test func combinators() throws {
        #expect(try holds("{ all: [] }"))
        #expect(try !holds("{ any: [] }"))
        let paging = """
            { all: [ { path: $.env, equals: prod }, { not: { path: $.muted, exists: true } },
                     { any: [ { path: $.team, matches: '^(db|net)' }, { path: $.hour, in: [0, 1, 2] } ] } ] }
            """
        #expect(try holds(paging, #"{"env": "prod", "team": "dbops"}"#))
        #expect(try holds(paging, #"{"env": "prod", "team": "web", "hour": 2}"#))
        #expect(try !holds(paging, #"{"env": "prod", "team": "db", "muted": null}"#))
        #expect(try !holds(paging, #"{"env": "staging", "team": "db"}"#))
        #expect(try !holds(paging, #"{"env": "prod", "team": "web"}"#))
    }

    @Test func loadErrors() throws {
        let two = loadError("{ path: $.a, equals: 1, in: [1] }")
        #expect(two?.message.contains("exactly one operator") == true)
        #expect(two?.mark.column == 25)
        #expect(loadError("{ path: $.a }")?.message.contains("needs one operator") == true)
        #expect(loadError("{ path: $.a, in: 1 }")?.message.contains("'in' needs a list") == true)
        #expect(loadError("{ path: $.a, exists: yes }")?.kind == .wrongShape)
        #expect(loadError("{ path: $.a, equal: 1 }")?.kind == .unknownKey)
        #expect(loadError("{ all: [], path: $.a }")?.message.contains("must stand alone") == true)
        #expect(loadError("{ not: { equals: 1 }, equals: 2 }")?.message.contains("must stand alone") == true)
        #expect(loadError("{ any: { equals: 1 } }")?.message.contains("needs a list") == true)
        #expect(loadError("{ path: $.a, matches: '(' }")?.kind == .invalidPattern)
        #expect(loadError("{ path: $.a, matches: 5 }")?.message.contains("regex string") == true)
        #expect(loadError("{ path: '$.a[', equals: 1 }")?.kind == .invalidPath)
        #expect(loadError("{ path: 5, equals: 1 }") != nil)
        #expect(loadError("[ { equals: 1 } ]")?.kind == .wrongShape)
        let nested = loadError("{ all: [ { equals: 1 }, { any: [ { equals: 1, in: [] } ] } ] }")
        #expect(nested?.message.hasPrefix("when: all[2]: any[1]:") == true)
    }
}
