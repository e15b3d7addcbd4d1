import Testing

@testable import Transforms

/// `parse_json`, `parse_form` (S44–S46), `JSON.replacing(at:with:)` and `date` (S48).
@Suite struct StepsDataParseTests {
    @Test func parseJSONTurnsAStringIntoItsValue() throws {
        let payload = #"{"j": "[1, {\"b\": null}]", "n": 5, "l": ["[1]"], "e": "", "o": {"a": "1"}}"#
        #expect(try StepHarness.printed(StepHarness.run("[ $.j, parse_json ]", payload: .parse(payload))) == #"[1,{"b":null}]"#)
        #expect(try StepHarness.run("[ $.n, parse_json ]", payload: .parse(payload)) == 5)
        #expect(try StepHarness.run("[ $.l, parse_json ]", payload: .parse(payload)) == ["[1]"])  // lists pass unchanged
        #expect(try StepHarness.printed(StepHarness.run("[ $.o, parse_json ]", payload: .parse(payload))) == #"{"a":"1"}"#)
        #expect(try StepHarness.run("[ $.e, parse_json ]", payload: .parse(payload)) == nil)
        #expect(try StepHarness.run("[ $.nope, parse_json ]", payload: .parse(payload)) == nil)
        #expect(try StepHarness.run(#"[ { value: "\"\"" }, parse_json ]"#) == "")  // the JSON text "" is a string
    }

    @Test func invalidJSONNamesTheByte() throws {
        let error = try StepHarness.stepError("[ $.j, parse_json ]", payload: .parse(#"{"j": "{\"a\": tru}"}"#))
        #expect(error?.message.hasPrefix("step 2 (parse_json): invalid JSON at byte ") == true)
        #expect(try StepHarness.stepError("[ $.j, parse_json ]", payload: .parse(#"{"j": "  "}"#)) != nil)
        #expect(try StepHarness.stepError("[ $.j, parse_json ]", payload: .parse(#"{"j": "NaN"}"#)) != nil)
    }

    @Test func pathArgumentOutsidePrepareIsPathThenParse() throws {
        let payload = #"{"j": "{\"k\": 1}", "many": ["[1]", "", null, "{\"a\": true}", 7], "e": ""}"#
        #expect(try StepHarness.printed(StepHarness.run("[ { parse_json: $.j } ]", payload: .parse(payload))) == #"{"k":1}"#)
        #expect(
            try StepHarness.printed(StepHarness.run("[ { parse_json: '$.many[*]' } ]", payload: .parse(payload)))
                == #"[[1],"",null,{"a":true},7]"#)
        #expect(try StepHarness.run("[ { parse_json: $.e } ]", payload: .parse(payload)) == nil)
        #expect(try StepHarness.run("[ { parse_json: $.nope } ]", payload: .parse(payload)) == nil)
        #expect(try StepHarness.run("[ { parse_json: '$.nope[*]' } ]", payload: .parse(payload)) == nil)
        // The step's input is not used.
        #expect(try StepHarness.printed(StepHarness.run(#"[ { value: "[2]" }, { parse_json: $.j } ]"#, payload: .parse(payload))) == #"{"k":1}"#)
        #expect(try StepHarness.mapperError("[ { parse_json: '$.a[' } ]")?.kind == .invalidPath)
    }

    @Test func prepareReplacesInPlace() throws {
        let payload = #"{"body": "{\"kind\": \"x\", \"n\": 1.50}", "many": ["[1]", "", null, "{\"a\": true}"], "keep": 1}"#
        let body = try StepHarness.run("[ { parse_json: $.body } ]", input: StepHarness.json(payload), payload: .parse(payload), prepare: true)
        #expect(StepHarness.printed(body) == #"{"body":{"kind":"x","n":1.5},"many":["[1]","",null,"{\"a\": true}"],"keep":1}"#)
        let many = try StepHarness.run("[ { parse_json: '$.many[*]' } ]", input: StepHarness.json(payload), payload: .parse(payload), prepare: true)
        #expect(StepHarness.printed(many?.objectValue?["many"]) == #"[[1],"",null,{"a":true}]"#)
        let nothing = try StepHarness.run("[ { parse_json: $.nope } ]", input: StepHarness.json(payload), payload: .parse(payload), prepare: true)
        #expect(StepHarness.printed(nothing) == StepHarness.printed(try StepHarness.json(payload)))
        let bad = try StepHarness.stepError(
            "[ { parse_json: '$.many[*]' } ]", input: StepHarness.json(#"{"many": ["[1]", "{"]}"#), payload: .parse(#"{"many": ["[1]", "{"]}"#),
            prepare: true)
        #expect(bad?.message.contains("$['many'][1]") == true)
        #expect(bad?.message.contains("invalid JSON at byte") == true)
    }

    @Test func parseFormDecodes() throws {
        let form = "a=1&a=&b&c=x%26y&d=a+b%20c&&e=%zz%4&a=3&%C3%A9=%E2%82%AC"
        #expect(
            try StepHarness.printed(StepHarness.run("[ $.f, parse_form ]", payload: .parse(#"{"f": "\#(form)"}"#)))
                == #"{"a":["1","","3"],"b":"","c":"x&y","d":"a b c","e":"%zz%4","é":"€"}"#)
        #expect(try StepHarness.printed(StepHarness.run("[ $.f, parse_form ]", payload: .parse(#"{"f": {"x": 1}}"#))) == #"{"x":1}"#)
        #expect(try StepHarness.run("[ $.f, parse_form ]", payload: .parse(#"{"f": ""}"#)) == nil)
        #expect(try StepHarness.run("[ $.f, parse_form ]", payload: .parse(#"{"f": null}"#)) == nil)
        #expect(try StepHarness.printed(StepHarness.run("[ $.f, parse_form ]", payload: .parse(#"{"f": "%FF=1"}"#))) == #"{"\#u{FFFD}":"1"}"#)
        for value in ["5", "true", #"["a=1"]"#] {
            let error = try StepHarness.stepError("[ $.f, parse_form ]", payload: .parse(#"{"f": \#(value)}"#))
            #expect(error?.message.hasPrefix("step 2 (parse_form): parse_form needs form-encoded text") == true)
        }
    }

    @Test func parseFormAtAPath() throws {
        let payload = #"{"form": "user=a+b&tag=1&tag=2&flag", "other": ""}"#
        let prepared = try StepHarness.run("[ { parse_form: $.form } ]", input: StepHarness.json(payload), payload: .parse(payload), prepare: true)
        #expect(StepHarness.printed(prepared) == #"{"form":{"user":"a b","tag":["1","2"],"flag":""},"other":""}"#)
        let blank = try StepHarness.run("[ { parse_form: $.other } ]", input: StepHarness.json(payload), payload: .parse(payload), prepare: true)
        #expect(StepHarness.printed(blank) == StepHarness.printed(try StepHarness.json(payload)))
        #expect(
            try StepHarness.printed(StepHarness.run("[ { parse_form: $.form } ]", payload: .parse(payload)))
                == #"{"user":"a b","tag":["1","2"],"flag":""}"#)
    }

    @Test func replacingAtLocations() throws {
        let value = try StepHarness.json(#"{"a": [1, {"b": "x"}], "c": 2}"#)
        #expect(
            StepHarness.printed(value.replacing(at: [.member("a"), .index(1), .member("b")], with: true))
                == #"{"a":[1,{"b":true}],"c":2}"#)
        #expect(StepHarness.printed(value.replacing(at: [.member("c")], with: [1])) == #"{"a":[1,{"b":"x"}],"c":[1]}"#)
        #expect(value.replacing(at: [], with: 3) == 3)
        for missing: [JSONPathLocation] in [[.member("z")], [.member("a"), .index(5)], [.member("c"), .member("d")], [.index(0)]] {
            #expect(StepHarness.printed(value.replacing(at: missing, with: 0)) == StepHarness.printed(value))
        }
    }
}

@Suite struct StepsDataDateTests {
    func date(_ value: String, _ step: String = "date") throws -> String? {
        try StepHarness.printed(StepHarness.run("[ $.v, \(step) ]", payload: .parse(#"{"v": \#(value)}"#)))
    }

    @Test func isoByDefault() throws {
        #expect(try date(#""2026-11-28T14:03:12Z""#) == #""2026-11-28T14:03:12Z""#)
        #expect(try date(#""2026-11-28""#, "{ date: ISO }") == #""2026-11-28T00:00:00Z""#)
        #expect(try date(#""2026-11-28T10:00""#, "{ date: iso8601, timezone: Asia/Kolkata }") == #""2026-11-28T04:30:00Z""#)
        #expect(try date(#""2026-11-28T10:00""#, "{ date: { timezone: Asia/Kolkata } }") == #""2026-11-28T04:30:00Z""#)
    }

    @Test func epochAndPatterns() throws {
        #expect(try date("1764338592.25", "{ date: epoch }") == #""2025-11-28T14:03:12.250Z""#)
        #expect(try date(#""1764338592""#, "{ date: epoch }") == #""2025-11-28T14:03:12Z""#)
        #expect(try date("1764338592999.9", "{ date: epoch_ms }") == #""2025-11-28T14:03:12.999Z""#)
        #expect(
            try date(#""11/28/2026 9:03:12""#, #"{ date: "M/d/yyyy H:mm:ss", timezone: America/New_York }"#)
                == #""2026-11-28T14:03:12Z""#)
        #expect(
            try date(#""28/11/2026 09:15:00""#, #"{ date: { format: "dd/MM/yyyy HH:mm:ss", timezone: Europe/Paris } }"#)
                == #""2026-11-28T08:15:00Z""#)
    }

    @Test func listsInstantsAndNoValue() throws {
        #expect(
            try date(#"["2026-11-28", null, "2026-11-29T00:00:00+01:00"]"#)
                == #"["2026-11-28T00:00:00Z",null,"2026-11-28T23:00:00Z"]"#)
        #expect(
            try StepHarness.printed(StepHarness.run(#"[ { value: "2026-11-28" }, date, { date: epoch } ]"#))
                == #""2026-11-28T00:00:00Z""#)  // an instant passes through unchanged
        for value in ["null", #""""#, "[]"] { #expect(try date(value) == nil) }
        #expect(try StepHarness.run("[ $.nope, date ]") == nil)
    }

    @Test func runtimeErrors() throws {
        #expect(try StepHarness.stepError("[ $.v, date ]", payload: .parse(#"{"v": 5}"#))?.message.hasPrefix("step 2 (date):") == true)
        #expect(try StepHarness.stepError("[ $.v, date ]", payload: .parse(#"{"v": "2026-02-30"}"#)) != nil)
        let element = try StepHarness.stepError("[ $.v, date ]", payload: .parse(#"{"v": ["2026-01-01", "x"]}"#))
        #expect(element?.message.hasPrefix("step 2 (date): element 2:") == true)
    }

    @Test func loadErrors() throws {
        let zone = try StepHarness.mapperError("[ $.v, { date: iso, timezone: Mars/Olympus } ]")
        #expect(zone?.message.contains("unknown time zone 'Mars/Olympus'") == true)
        #expect(zone?.mark.column == 31)
        let letter = try StepHarness.mapperError(#"[ $.v, { date: "yyyy-QQ" } ]"#)
        #expect(letter?.message.hasPrefix("fields.x: step 2 (date):") == true)
        #expect(letter?.mark.column == 16)
        #expect(try StepHarness.mapperError("[ $.v, { date: { format: iso, tz: UTC } } ]")?.kind == .unknownKey)
        #expect(try StepHarness.mapperError("[ $.v, { date: iso, zone: UTC } ]")?.kind == .unknownKey)
        #expect(try StepHarness.mapperError("[ $.v, { date: 5 } ]")?.message.contains("must be a string") == true)
        #expect(try StepHarness.mapperError("[ $.v, { date: { format: iso }, timezone: UTC } ]") != nil)
    }
}
