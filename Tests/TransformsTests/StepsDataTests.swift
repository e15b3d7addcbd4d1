import Testing

@testable import Transforms

/// `lookup` and `default` (SEMANTICS S40, S41).
@Suite struct StepsDataLookupTests {
    let table = "{ 1: one, true: flag, High: 3, ~: NUL, nested: { a: [ 1, 2 ] } }"

    func lookup(_ value: String, _ step: String? = nil) throws -> JSON? {
        try StepHarness.run("[ $.v, \(step ?? "{ lookup: \(table) }") ]", payload: .parse(#"{"v": \#(value)}"#))
    }

    @Test func comparesAsText() throws {
        #expect(try lookup("1") == "one")
        #expect(try lookup(#""1""#) == "one")
        #expect(try lookup("true") == "flag")
        #expect(try lookup(#""true""#) == "flag")
        #expect(try lookup(#""High""#) == 3)
        #expect(try lookup("1.0") == nil)  // JSON text "1.0" is not "1"
        #expect(try lookup(#"{"High": 1}"#) == nil)  // objects never match
    }

    @Test func resultIsACopyOfTheTableValue() throws {
        #expect(try StepHarness.printed(lookup(#""nested""#)) == #"{"a":[1,2]}"#)
    }

    @Test func missGivesMissingDefaultOrStrictError() throws {
        #expect(try lookup(#""Low""#) == nil)
        #expect(try lookup(#""Low""#, "{ lookup: { High: 3 }, default: 0 }") == 0)
        #expect(try lookup(#""High""#, "{ lookup: { High: 3 }, default: 0 }") == 3)
        let error = try StepHarness.stepError("[ $.v, { lookup: { High: 3 }, strict: true } ]", payload: .parse(#"{"v": "Low"}"#))
        #expect(error?.message.contains("step 2 (lookup)") == true)
        #expect(error?.message.contains("\"Low\"") == true)
        #expect(try lookup(#""Low""#, "{ lookup: { High: 3 }, strict: true, default: 0 }") == 0)
    }

    @Test func noValueIsNotAMiss() throws {
        for value in ["null", #""""#, "[]"] {
            #expect(try lookup(value, "{ lookup: { a: 1, null: 2, \"\": 3 }, strict: true }") == nil)
            #expect(try lookup(value, "{ lookup: { a: 1 }, default: d }") == "d")
        }
        #expect(try StepHarness.run("[ $.nope, { lookup: { a: 1 }, strict: true } ]") == nil)
        #expect(try StepHarness.run("[ $.nope, { lookup: { a: 1 }, default: d } ]") == "d")
    }

    @Test func listsAreElementWise() throws {
        let payload = #"{"vs": ["a", null, "z", "b", {"a": 1}]}"#
        #expect(try StepHarness.run("[ $.vs, { lookup: { a: A, b: B, ~: NUL } } ]", payload: .parse(payload)) == ["A", "NUL", "B"])
        #expect(
            try StepHarness.run("[ $.vs, { lookup: { table: { a: A }, default: \"?\" } } ]", payload: .parse(payload))
                == ["A", "?", "?", "?", "?"])
        let error = try StepHarness.stepError("[ $.vs, { lookup: { a: A }, strict: true } ]", payload: .parse(payload))
        #expect(error != nil)
    }

    @Test func ignoreCaseFoldsFully() throws {
        let folded = #"{ lookup: { table: { high: 3, HIGH: 99, "école": school, "straße": street }, ignore_case: true } }"#
        #expect(try lookup(#""HIGH""#, folded) == 3)  // first key wins
        #expect(try lookup(#""hIgH""#, folded) == 3)
        #expect(try lookup(#""ÉCOLE""#, folded) == "school")
        #expect(try lookup(#""STRASSE""#, folded) == "street")  // ß folds like SS
        #expect(try lookup(#""Straße""#, folded) == "street")
        let sharpKey = #"{ lookup: { "SS": double }, ignore_case: true }"#
        #expect(try lookup(#""ß""#, sharpKey) == "double")
        #expect(try lookup(#""HIGH""#, "{ lookup: { high: 3 } }") == nil)  // exact case by default
        #expect(try lookup(#""ÉCOLE""#, #"{ lookup: { "école": school } }"#) == nil)
    }

    @Test func optionsFormOnlyWhenTableIsAMap() throws {
        #expect(try lookup(#""a""#, "{ lookup: { table: { a: 1 }, default: 0 } }") == 1)
        #expect(try lookup(#""b""#, "{ lookup: { table: { a: 1 }, default: 0 } }") == 0)
        // `table` with a scalar value is an ordinary entry.
        #expect(try lookup(#""table""#, "{ lookup: { table: t, other: o } }") == "t")
        #expect(try lookup(#""other""#, "{ lookup: { table: t, other: o } }") == "o")
    }

    @Test func notesTheEntryOrTheMiss() throws {
        let hit = try StepHarness.trace("[ $.v, { lookup: { High: 3 } } ]", payload: .parse(#"{"v": "High"}"#))
        #expect(hit.last?.objectValue?["entry"] == "High")
        let miss = try StepHarness.trace("[ $.v, { lookup: { High: 3 } } ]", payload: .parse(#"{"v": "Low"}"#))
        #expect(miss.last?.objectValue?["miss"] == "Low")
    }

    @Test func loadErrors() throws {
        let unknownSibling = try StepHarness.mapperError("[ $.v, { lookup: { a: 1 }, defualt: 0 } ]")
        #expect(unknownSibling?.kind == .unknownKey)
        #expect(unknownSibling?.mark.line == 1)
        let unknownInside = try StepHarness.mapperError("[ $.v, { lookup: { table: { a: 1 }, bogus: 1 } } ]")
        #expect(unknownInside?.kind == .unknownKey)
        #expect(try StepHarness.mapperError("[ $.v, { lookup: { a: 1 }, ignore_case: yes } ]")?.kind == .wrongShape)
        #expect(try StepHarness.mapperError("[ $.v, { lookup: abc } ]")?.kind == .wrongShape)
        #expect(try StepHarness.mapperError("[ $.v, { lookup: { table: { a: 1 } }, default: 0 } ]") != nil)
        #expect(try StepHarness.mapperError("[ $.v, lookup ]")?.kind == .missingKey)
    }

    @Test func defaultReplacesOnlyNoValue() throws {
        for value in ["null", #""""#, "[]"] {
            #expect(try StepHarness.run("[ $.v, { default: filled } ]", payload: .parse(#"{"v": \#(value)}"#)) == "filled")
        }
        #expect(try StepHarness.run("[ $.nope, { default: filled } ]") == "filled")
        for value in ["0", "false", #"" ""#, "[null]", "{}"] {
            let input = try StepHarness.json(value)
            #expect(try StepHarness.run("[ $.v, { default: filled } ]", payload: .parse(#"{"v": \#(value)}"#)) == input)
        }
        #expect(try StepHarness.printed(StepHarness.run("[ { default: { a: [1] } } ]")) == #"{"a":[1]}"#)
        #expect(try StepHarness.mapperError("[ { default: ~ } ]")?.kind == .missingKey)
    }
}

/// `first`, `last`, `count`, `unique`, `flatten`, `compact` (S42) and `required` (S51).
@Suite struct StepsDataListTests {
    let payload = #"{"l": [1, 1.0, "1", null, "", [2, [3]], {"a": 1, "b": 2}, {"b": 2, "a": 1}, [], {}, true], "s": "solo"}"#

    func run(_ step: String, _ path: String = "$.l") throws -> String? {
        try StepHarness.printed(StepHarness.run("[ \(path), \(step) ]", payload: .parse(payload)))
    }

    @Test func firstAndLast() throws {
        #expect(try run("first") == "1")
        #expect(try run("last") == "true")
        #expect(try run("first", "$.s") == #""solo""#)
        #expect(try run("last", "$.s") == #""solo""#)
        #expect(try StepHarness.run("[ { value: [] }, first ]") == nil)
        #expect(try StepHarness.run("[ { value: [ [] , 2 ] }, first ]") == [])  // an element with no value is still the first
    }

    @Test func count() throws {
        #expect(try run("count") == "11")
        #expect(try run("count", "$.s") == "1")
        for value in ["[]", "null", #""""#] {
            #expect(try StepHarness.run("[ $.v, count ]", payload: .parse(#"{"v": \#(value)}"#)) == 0)
        }
        #expect(try StepHarness.run("[ $.nope, count ]") == 0)
        #expect(try StepHarness.run("[ $.v, count ]", payload: .parse(#"{"v": {}}"#)) == 1)
        #expect(try StepHarness.run("[ $.v, count ]", payload: .parse(#"{"v": 0}"#)) == 1)
    }

    @Test func uniqueByJSONEquality() throws {
        #expect(try run("unique") == #"[1,"1",null,"",[2,[3]],{"a":1,"b":2},[],{},true]"#)
        #expect(try run("unique", "$.s") == #""solo""#)
    }

    @Test func flattenOneLevel() throws {
        #expect(try run("flatten") == #"[1,1.0,"1",null,"",2,[3],{"a":1,"b":2},{"b":2,"a":1},{},true]"#)
        #expect(try run("flatten", "$.s") == #""solo""#)
    }

    @Test func compactDropsNullAndEmptyString() throws {
        #expect(try run("compact") == #"[1,1.0,"1",[2,[3]],{"a":1,"b":2},{"b":2,"a":1},[],{},true]"#)
        #expect(try StepHarness.run(#"[ { value: [ null, "" ] }, compact ]"#) == [])
        #expect(try run("compact", "$.s") == #""solo""#)
    }

    @Test func noValueGivesMissing() throws {
        for step in ["first", "last", "unique", "flatten", "compact"] {
            for value in ["null", #""""#, "[]"] {
                #expect(try StepHarness.run("[ $.v, \(step) ]", payload: .parse(#"{"v": \#(value)}"#)) == nil)
            }
            #expect(try StepHarness.mapperError("[ $.v, { \(step): 1 } ]")?.message.contains("takes no argument") == true)
        }
    }

    @Test func requiredFailsOnNoValue() throws {
        #expect(try StepHarness.run("[ $.v, required ]", payload: .parse(#"{"v": 0}"#)) == 0)
        #expect(try StepHarness.run("[ $.v, required ]", payload: .parse(#"{"v": [null]}"#)) == [nil])
        for value in ["null", #""""#, "[]"] {
            let error = try StepHarness.stepError("[ $.v, required ]", payload: .parse(#"{"v": \#(value)}"#))
            #expect(error?.message.hasPrefix("step 2 (required)") == true)
        }
        #expect(try StepHarness.stepError("[ $.nope, required ]")?.message.contains("missing") == true)
        #expect(try StepHarness.mapperError("[ $.v, { required: true } ]") != nil)
    }
}

/// `each` (S43) and `if` (S52).
@Suite struct StepsDataControlTests {
    @Test func eachMapsElements() throws {
        let payload = #"{"l": [" a ", "b", 3]}"#
        #expect(try StepHarness.run("[ $.l, { each: [ trim ] } ]", payload: .parse(payload)) == ["a", "b", 3])
        #expect(try StepHarness.run("[ $.l, { each: { trim: ~ } } ]", payload: .parse(payload)) == ["a", "b", 3])
        // A bare word is no whole pipeline (S13), inside `each` as anywhere.
        #expect(
            try StepHarness.mapperError("[ $.l, { each: trim } ]")?.message.hasPrefix("fields.x: step 2 (each): a pipeline cannot be 'trim'") == true)
    }

    @Test func eachDropsMissingKeepsNull() throws {
        #expect(try StepHarness.run("[ { value: [1, 2] }, { each: [ $.nope ] } ]") == [])
        #expect(try StepHarness.run("[ { value: [1, 2] }, { each: [ { value: ~ } ] } ]") == [nil, nil])
    }

    @Test func eachHandsNoValueElementsToThePipeline() throws {
        // `default` sees the blank elements, so they were passed as they are.
        #expect(try StepHarness.run(#"[ { value: ["", a, null, []] }, { each: [ { default: x } ] } ]"#) == ["x", "a", "x", "x"])
        // A transforming step gives missing for them, and missing is dropped.
        #expect(try StepHarness.run(#"[ { value: ["", " a ", null] }, { each: [ trim ] } ]"#) == ["a"])
        #expect(try StepHarness.run(#"[ { value: ["", a] }, { each: [ count ] } ]"#) == [0, 1])
    }

    @Test func eachOnNonListRunsOnceUnwrapped() throws {
        #expect(try StepHarness.run("[ { value: \" a \" }, { each: [ trim ] } ]") == "a")
        #expect(try StepHarness.run("[ { value: [] }, { each: [ count ] } ]") == nil)
        #expect(try StepHarness.run("[ $.nope, { each: [ count ] } ]") == nil)
    }

    @Test func eachNestsErrorsAndPlaces() throws {
        let error = try StepHarness.stepError(#"[ { value: [a, ""] }, { each: [ required ] } ]"#)
        #expect(error?.message.hasPrefix("step 2 (each): element 2: step 1 (required)") == true)
        let loadError = try StepHarness.mapperError("[ $.l, { each: [ trim, bogus ] } ]")
        #expect(loadError?.message.hasPrefix("fields.x: step 2 (each): step 2: unknown step 'bogus'") == true)
        #expect(try StepHarness.mapperError("[ $.l, each ]")?.kind == .missingKey)
    }

    @Test func ifBothForms() throws {
        let options = "[ $.v, { if: { when: { equals: a }, then: [ { value: yes } ], else: [ { value: no } ] } } ]"
        let siblings = "[ $.v, { if: { equals: a }, then: [ { value: yes } ], else: [ { value: no } ] } ]"
        for pipeline in [options, siblings] {
            #expect(try StepHarness.run(pipeline, payload: .parse(#"{"v": "a"}"#)) == "yes")
            #expect(try StepHarness.run(pipeline, payload: .parse(#"{"v": "b"}"#)) == "no")
            #expect(try StepHarness.run(pipeline) == "no")
        }
    }

    @Test func ifAbsentBranchPassesInput() throws {
        let pipeline = #"[ $.v, { if: { when: { equals: "" }, then: [ { value: was-empty } ] } } ]"#
        #expect(try StepHarness.run(pipeline, payload: .parse(#"{"v": ""}"#)) == "was-empty")  // `if` sees "" as it is
        #expect(try StepHarness.run(pipeline, payload: .parse(#"{"v": "kept"}"#)) == "kept")
        #expect(try StepHarness.run(pipeline) == nil)
        let onlyElse = "[ $.v, { if: { exists: true }, else: [ { value: none } ] } ]"
        #expect(try StepHarness.run(onlyElse, payload: .parse(#"{"v": null}"#)) == .some(.null))  // present: `then` is absent
        #expect(try StepHarness.run(onlyElse) == "none")
    }

    @Test func ifBranchesGetTheInputAndPathsThePayload() throws {
        let pipeline = "[ $.v, { if: { path: $.flag, equals: true }, then: [ trim ], else: [ $.other ] } ]"
        #expect(try StepHarness.run(pipeline, payload: .parse(#"{"v": " x ", "flag": true}"#)) == "x")
        #expect(try StepHarness.run(pipeline, payload: .parse(#"{"v": " x ", "flag": 1, "other": 2}"#)) == 2)
    }

    @Test func ifErrorsNameTheBranch() throws {
        let error = try StepHarness.stepError("[ $.v, { if: { exists: false }, then: [ required ] } ]")
        #expect(error?.message.hasPrefix("step 2 (if): then: step 1 (required)") == true)
        let typo = try StepHarness.mapperError("[ $.v, { if: { when: { equals: 1 }, thn: [ trim ] } } ]")
        #expect(typo?.kind == .unknownKey)
        let bad = try StepHarness.mapperError("[ $.v, { if: { when: { equals: 1, in: [1] }, then: [ trim ] } } ]")
        #expect(bad?.message.hasPrefix("fields.x: step 2 (if): when:") == true)
        let branch = try StepHarness.mapperError("[ $.v, { if: { equals: 1 }, then: [ bogus ] } ]")
        #expect(branch?.message.hasPrefix("fields.x: step 2 (if): then: step 1: unknown step") == true)
        #expect(try StepHarness.mapperError("[ $.v, { if: { equals: 1 }, otherwise: [ trim ] } ]")?.kind == .unknownKey)
        #expect(try StepHarness.mapperError("[ $.v, if ]")?.kind == .missingKey)
    }
}
