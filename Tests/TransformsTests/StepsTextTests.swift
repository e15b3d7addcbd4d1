import Testing

@testable import Transforms

@Suite("Source steps: get, root, field, header, template, coalesce")
struct SourceStepsTests {
    let items: JSON = ["items": [["id": "A"], ["id": "B"], ["sev": 1]], "host": ["name": "web-1"], "tags": ["p1", "db"]]

    @Test func getQueriesTheCurrentValue() throws {
        #expect(try StepHarness.run(#"[ $.items, { get: "$[0].id" } ]"#, payload: items) == "A")
        #expect(try StepHarness.run(#"[ $.items, { get: "$[*].id" } ]"#, payload: items) == ["A", "B"])
        #expect(try StepHarness.run(#"[ $.items, { get: "$[5].id" } ]"#, payload: items) == nil)
        #expect(try StepHarness.run(#"[ $.items, { get: "$[?@.x].id" } ]"#, payload: items) == [])
    }

    @Test func getOnNoValueIsMissing() throws {
        for input: JSON? in [nil, .null, "", []] {
            #expect(try StepHarness.run(#"[ { get: "$" } ]"#, input: input) == nil)
        }
    }

    @Test func getIsNotThePayload() throws {
        let payload: JSON = ["id": "payload", "list": [["id": "element"]]]
        #expect(try StepHarness.run(#"[ $.list, { get: "$[0].id" } ]"#, payload: payload) == "element")
        #expect(try StepHarness.run(#"[ { value: {id: v} }, { get: $.id } ]"#, payload: payload) == "v")
    }

    @Test func badPathsAreMapperErrors() throws {
        for step in ["get", "root"] {
            let error = try #require(try StepHarness.mapperError("[ { \(step): '$.a[' } ]"))
            #expect(error.message.contains("step 1 (\(step))"))
            #expect(error.kind == .invalidPath)
            #expect(error.mark.line == 1)
        }
        #expect(try StepHarness.mapperError("[ get ]") != nil)
    }

    @Test func rootQueriesTheWholePayload() throws {
        let root: JSON = ["common": "C", "alerts": [["a": 1]]]
        let item: JSON = ["a": 1]
        #expect(try StepHarness.run("[ { root: $.common } ]", payload: item, root: root) == "C")
        #expect(try StepHarness.run("[ { root: $.a } ]", payload: item, root: root) == nil)
        #expect(try StepHarness.run("[ { path: $.a } ]", payload: item, root: root) == 1)
        #expect(try StepHarness.run("[ { value: 1 }, { root: $.common } ]", payload: item, root: root) == "C")
    }

    @Test func fieldGivesMappedFields() throws {
        let fields: [String: JSON] = ["severity": 3, "name": "n"]
        #expect(try StepHarness.run("[ { field: severity } ]", fields: fields) == 3)
        #expect(try StepHarness.run("[ { field: later } ]", fields: fields) == nil)
        #expect(try StepHarness.mapperError("[ { field: [a] } ]") != nil)
    }

    @Test func headerIsTheFirstWithTheNameInAnyCase() throws {
        let headers = [
            HTTPHeader(name: "X-Request-ID", value: "abc-123"), HTTPHeader(name: "x-request-id", value: "second"),
        ]
        #expect(try StepHarness.run("[ { header: x-request-id } ]", headers: headers) == "abc-123")
        #expect(try StepHarness.run("[ { header: X-REQUEST-ID } ]", headers: headers) == "abc-123")
        #expect(try StepHarness.run("[ { header: accept } ]", headers: headers) == nil)
        #expect(try StepHarness.run("[ { header: accept } ]") == nil)
        #expect(try StepHarness.mapperError("[ { header: '' } ]") != nil)
    }

    @Test func headerNotesTheNameMatched() throws {
        let recorder = TraceRecorder()
        let headers = [HTTPHeader(name: "X-Token", value: "t")]
        _ = try StepHarness.run("[ { header: x-token } ]", headers: headers, recorder: recorder)
        let step = try #require(recorder.takeSteps().first?.objectValue)
        #expect(step["header"] == "X-Token")
        #expect(step["output"] == "t")
    }

    @Test func templateRendersPathsTypesAndFields() throws {
        let yaml = #"[ { template: "{{ $.host.name }} | {{ $.tags[*] }} | {{$.nothing}} | {{ type }} | {{ sev }}" } ]"#
        let result = try StepHarness.run(yaml, payload: items, fields: ["sev": 3], type: "Outage")
        #expect(result == #"web-1 | ["p1","db"] |  | Outage | 3"#)
    }

    @Test func templateNoValueRendersEmpty() throws {
        let payload: JSON = ["n": .null, "e": "", "l": [], "o": [:], "b": false, "x": 1.5]
        let yaml = #"[ { template: "[{{$.n}}][{{$.e}}][{{$.l}}][{{$.o}}][{{$.b}}][{{$.x}}][{{ f }}][{{ type }}]" } ]"#
        #expect(try StepHarness.run(yaml, payload: payload) == "[][][][{}][false][1.5][][]")
    }

    @Test func templateRendersInstantsAsRFC3339() throws {
        let occurred = Instant(millisecondsSinceEpoch: 1_795_874_592_500)
        let result = try StepHarness.run(#"[ { template: "at {{ occurred }}" } ]"#, fields: ["occurred": .instant(occurred)])
        #expect(result == .string("at \(occurred.rfc3339)"))
    }

    @Test func templateIgnoresItsInputAndKeepsLoneBraces() throws {
        #expect(try StepHarness.run(#"[ { value: x }, { template: "a }} b {" } ]"#) == "a }} b {")
        #expect(try StepHarness.run(#"[ { template: "{{type}}}}" } ]"#, type: "T") == "T}}")
        #expect(try StepHarness.run(#"[ { template: "" } ]"#) == "")
    }

    @Test func templateMistakesAreMapperErrors() throws {
        let unclosed = try #require(try StepHarness.mapperError(#"[ { template: "ok {{ $.a " } ]"#))
        #expect(unclosed.message.contains("unclosed"))
        #expect(unclosed.message.contains("character 3"))
        let empty = try #require(try StepHarness.mapperError(#"[ { template: "x {{  }} y" } ]"#))
        #expect(empty.message.contains("empty"))
        let badPath = try #require(try StepHarness.mapperError(#"[ { template: "{{ $.a[ }}" } ]"#))
        #expect(badPath.message.contains("JSONPath"))
        #expect(try StepHarness.mapperError(#"[ template ]"#) != nil)
    }

    @Test func coalesceGivesTheFirstResultWithAValue() throws {
        let payload: JSON = ["n": .null, "e": "", "l": [], "v": "found", "w": "later"]
        #expect(try StepHarness.run("[ { coalesce: [ $.missing, $.n, $.e, $.l, $.v, $.w ] } ]", payload: payload) == "found")
        #expect(try StepHarness.run("[ { coalesce: [ $.missing, $.n ] } ]", payload: payload) == nil)
        #expect(try StepHarness.run("[ { coalesce: [ [ $.e, trim ], { value: 0 } ] } ]", payload: payload) == 0)
    }

    @Test func coalescePipelinesReceiveTheStepInput() throws {
        #expect(try StepHarness.run("[ { coalesce: [ [ { get: $.a } ], [ { get: $.b } ] ] } ]", input: ["b": 2]) == 2)
        // The input may itself have no value: coalesce decides (S59).
        #expect(try StepHarness.run("[ { coalesce: [ [ trim ], { value: d } ] } ]", input: "") == "d")
    }

    @Test func coalesceArgumentMistakes() throws {
        let empty = try #require(try StepHarness.mapperError("[ { coalesce: [] } ]"))
        #expect(empty.message.contains("at least one"))
        #expect(try StepHarness.mapperError("[ { coalesce: $.a } ]") != nil)
        let nested = try #require(try StepHarness.mapperError("[ { coalesce: [ $.a, [ trim, { nope: 1 } ] ] } ]"))
        #expect(nested.message.hasPrefix("fields.x: step 1 (coalesce)[1]: step 2"))
    }

    @Test func coalescePrefixesRuntimeErrorsWithThePipeline() throws {
        let error = try #require(try StepHarness.stepError("[ { coalesce: [ $.n, { regex: 'x' } ] } ]", input: ["o": 1]))
        #expect(error.message.hasPrefix("step 1 (coalesce): [1]: step 1 (regex)"))
    }
}

@Suite("Case steps: lowercase, uppercase")
struct CaseStepsTests {
    @Test func fullUnicodeCaseMapping() throws {
        #expect(try StepHarness.run("[ uppercase ]", input: "Straße ﬁx") == "STRASSE FIX")
        #expect(try StepHarness.run("[ lowercase ]", input: "ÜNÏCODE İ") == .string("ünïcode \u{69}\u{307}"))
    }

    @Test func oneLevelOfListsAndOtherValuesUnchanged() throws {
        #expect(try StepHarness.run("[ uppercase ]", input: ["ab", 1, .null, "çd", ["x"]]) == ["AB", 1, .null, "ÇD", ["x"]])
        #expect(try StepHarness.run("[ lowercase ]", input: ["K": "V"]) == ["K": "V"])
        #expect(try StepHarness.run("[ lowercase ]", input: 12) == 12)
        #expect(try StepHarness.run("[ lowercase ]", input: "") == nil)
    }

    @Test func caseStepsTakeNoArgument() throws {
        #expect(try StepHarness.mapperError("[ { lowercase: x } ]") != nil)
        #expect(try StepHarness.run("[ { uppercase: } ]", input: "a") == "A")
    }
}

@Suite("split and join")
struct SplitJoinTests {
    @Test func literalSeparatorKeepsEmptyParts() throws {
        #expect(try StepHarness.run(#"[ { split: "," } ]"#, input: " red, green,,blue ;teal") == [" red", " green", "", "blue ;teal"])
        #expect(try StepHarness.run(#"[ { split: "," } ]"#, input: ",") == ["", ""])
        #expect(try StepHarness.run(#"[ { split: "::" } ]"#, input: "a::b:::c") == ["a", "b", ":c"])
        #expect(try StepHarness.run(#"[ { split: "é" } ]"#, input: "caféx") == ["caf", "x"])
    }

    @Test func everyFormReadsTheSameWay() throws {
        let input: JSON = " a , b,, c "
        let expected: JSON = ["a", "b", "", "c"]
        #expect(try StepHarness.run(#"[ { split: ",", trim: true } ]"#, input: input) == expected)
        #expect(try StepHarness.run(#"[ { split: { on: ",", trim: true } } ]"#, input: input) == expected)
        #expect(try StepHarness.run(#"[ { split: { pattern: '\s*,\s*', trim: true } } ]"#, input: input) == expected)
        #expect(try StepHarness.run(#"[ { split: { pattern: '\s*[,;]\s*' } } ]"#, input: "x ; y,z") == ["x", "y", "z"])
    }

    @Test func splitArgumentMistakes() throws {
        let both = try #require(try StepHarness.mapperError(#"[ { split: { on: ",", pattern: ";" } } ]"#))
        #expect(both.message.contains("not both"))
        let neither = try #require(try StepHarness.mapperError(#"[ { split: { trim: true } } ]"#))
        #expect(neither.message.contains("separator"))
        #expect(try StepHarness.mapperError("[ split ]") != nil)
        #expect(try StepHarness.mapperError(#"[ { split: "" } ]"#) != nil)
        let unknown = try #require(try StepHarness.mapperError(#"[ { split: { on: ",", trimm: true } } ]"#))
        #expect(unknown.kind == .unknownKey)
        #expect(try StepHarness.mapperError(#"[ { split: ",", pattern: x } ]"#) != nil)
        #expect(try StepHarness.mapperError(#"[ { split: { pattern: "(" } } ]"#) != nil)
        #expect(try StepHarness.mapperError(#"[ { split: ",", trim: yes } ]"#) != nil)
        #expect(try StepHarness.mapperError(#"[ { split: { on: "," }, trim: true } ]"#) != nil)
    }

    @Test func emptyInputAndListInput() throws {
        #expect(try StepHarness.run(#"[ { split: "," } ]"#, input: "") == nil)
        #expect(try StepHarness.run(#"[ { split: "," } ]"#, input: []) == nil)
        #expect(try StepHarness.run(#"[ { split: "," } ]"#, input: ["a,b", .null, "", "c"]) == [["a", "b"], .null, [], ["c"]])
    }

    @Test func textInputRule() throws {
        #expect(try StepHarness.run(#"[ { split: "." } ]"#, input: 2.5) == ["2", "5"])
        #expect(try StepHarness.run(#"[ { split: "u" } ]"#, input: true) == ["tr", "e"])
        #expect(try StepHarness.run(#"[ { split: "T" } ]"#, input: .instant(Instant(millisecondsSinceEpoch: 0))) == ["1970-01-01", "00:00:00Z"])
        #expect(try StepHarness.stepError(#"[ { split: "," } ]"#, input: ["a": "b"]) != nil)
        #expect(try StepHarness.stepError(#"[ { split: "," } ]"#, input: ["a", ["b"]]) != nil)
        #expect(try StepHarness.stepError(#"[ { split: "," } ]"#, input: ["a", ["b": 1]]) != nil)
    }

    @Test func joinSkipsNullsAndRendersText() throws {
        let words: JSON = ["x", .null, 2, true, ["k": "v"], ["n"], 1.5]
        #expect(try StepHarness.run(#"[ { join: " | " } ]"#, input: words) == #"x | 2 | true | {"k":"v"} | ["n"] | 1.5"#)
        #expect(try StepHarness.run(#"[ { join: "-" } ]"#, input: 7) == "7")
        #expect(try StepHarness.run(#"[ { join: "" } ]"#, input: ["a", "b"]) == "ab")
        #expect(try StepHarness.run(#"[ { join: "," } ]"#, input: []) == nil)
        #expect(try StepHarness.run(#"[ { join: "," } ]"#, input: [.null]) == "")
        #expect(try StepHarness.mapperError("[ join ]") != nil)
    }
}
