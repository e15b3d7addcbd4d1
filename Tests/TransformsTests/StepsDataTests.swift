import Testing
@testable import Transforms

/// `lookup` and `default` (SEMANTICS S40, S41).
@Suite struct StepsDataLookupTests {
    let table = "{ 1: one, true: flag, High: 3, ~: NUL, nested: { a: [ 1, 2 ] } }"

    func lookup(_ value: String, _ step: String? = nil) throws -> JSON? {
        try DataSteps.run("[ $.v, \(step ?? "{ lookup: \(table) }") ]", payload: #"{"v": \#(value)}"#)
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
        #expect(try DataSteps.printed(lookup(#""nested""#)) == #"{"a":[1,2]}"#)
    }

    @Test func missGivesMissingDefaultOrStrictError() throws {
        #expect(try lookup(#""Low""#) == nil)
        #expect(try lookup(#""Low""#, "{ lookup: { High: 3 }, default: 0 }") == 0)
        #expect(try lookup(#""High""#, "{ lookup: { High: 3 }, default: 0 }") == 3)
        let error = try DataSteps.stepError("[ $.v, { lookup: { High: 3 }, strict: true } ]", payload: #"{"v": "Low"}"#)
        #expect(error?.message.contains("step 2 (lookup)") == true)
        #expect(error?.message.contains("\"Low\"") == true)
        #expect(try lookup(#""Low""#, "{ lookup: { High: 3 }, strict: true, default: 0 }") == 0)
    }

    @Test func noValueIsNotAMiss() throws {
        for value in ["null", #""""#, "[]"] {
            #expect(try lookup(value, "{ lookup: { a: 1, null: 2, \"\": 3 }, strict: true }") == nil)
            #expect(try lookup(value, "{ lookup: { a: 1 }, default: d }") == "d")
        }
        #expect(try DataSteps.run("[ $.nope, { lookup: { a: 1 }, strict: true } ]") == nil)
        #expect(try DataSteps.run("[ $.nope, { lookup: { a: 1 }, default: d } ]") == "d")
    }

    @Test func listsAreElementWise() throws {
        let payload = #"{"vs": ["a", null, "z", "b", {"a": 1}]}"#
        #expect(try DataSteps.run("[ $.vs, { lookup: { a: A, b: B, ~: NUL } } ]", payload: payload) == ["A", "NUL", "B"])
        #expect(
            try DataSteps.run("[ $.vs, { lookup: { table: { a: A }, default: \"?\" } } ]", payload: payload)
                == ["A", "?", "?", "?", "?"])
        let error = try DataSteps.stepError("[ $.vs, { lookup: { a: A }, strict: true } ]", payload: payload)
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
        let hit = try DataSteps.trace("[ $.v, { lookup: { High: 3 } } ]", payload: #"{"v": "High"}"#)
        #expect(hit.last?.objectValue?["entry"] == "High")
        let miss = try DataSteps.trace("[ $.v, { lookup: { High: 3 } } ]", payload: #"{"v": "Low"}"#)
        #expect(miss.last?.objectValue?["miss"] == "Low")
    }

    @Test func loadErrors() throws {
        let unknownSibling = DataSteps.loadError("[ $.v, { lookup: { a: 1 }, defualt: 0 } ]")
        #expect(unknownSibling?.message.contains("unknown option 'defualt'") == true)
        #expect(unknownSibling?.mark.line == 1)
        let unknownInside = DataSteps.loadError("[ $.v, { lookup: { table: { a: 1 }, bogus: 1 } } ]")
        #expect(unknownInside?.message.contains("unknown option 'bogus'") == true)
        #expect(DataSteps.loadError("[ $.v, { lookup: { a: 1 }, ignore_case: yes } ]")?.message.contains("true or false") == true)
        #expect(DataSteps.loadError("[ $.v, { lookup: abc } ]")?.message.contains("must be a map") == true)
        #expect(DataSteps.loadError("[ $.v, { lookup: { table: { a: 1 } }, default: 0 } ]") != nil)
        #expect(DataSteps.loadError("[ $.v, lookup ]")?.message.contains("needs an argument") == true)
    }

    @Test func defaultReplacesOnlyNoValue() throws {
        for value in ["null", #""""#, "[]"] {
            #expect(try DataSteps.run("[ $.v, { default: filled } ]", payload: #"{"v": \#(value)}"#) == "filled")
        }
        #expect(try DataSteps.run("[ $.nope, { default: filled } ]") == "filled")
        for value in ["0", "false", #"" ""#, "[null]", "{}"] {
            let input = try DataSteps.json(value)
            #expect(try DataSteps.run("[ $.v, { default: filled } ]", payload: #"{"v": \#(value)}"#) == input)
        }
        #expect(try DataSteps.printed(DataSteps.run("[ { default: { a: [1] } } ]")) == #"{"a":[1]}"#)
        #expect(DataSteps.loadError("[ { default: ~ } ]")?.message.contains("needs an argument") == true)
    }
}

/// `first`, `last`, `count`, `unique`, `flatten`, `compact` (S42) and `required` (S51).
@Suite struct StepsDataListTests {
    let payload = #"{"l": [1, 1.0, "1", null, "", [2, [3]], {"a": 1, "b": 2}, {"b": 2, "a": 1}, [], {}, true], "s": "solo"}"#

    func run(_ step: String, _ path: String = "$.l") throws -> String? {
        try DataSteps.printed(DataSteps.run("[ \(path), \(step) ]", payload: payload))
    }

    @Test func firstAndLast() throws {
        #expect(try run("first") == "1")
        #expect(try run("last") == "true")
        #expect(try run("first", "$.s") == #""solo""#)
        #expect(try run("last", "$.s") == #""solo""#)
        #expect(try DataSteps.run("[ { value: [] }, first ]") == nil)
        #expect(try DataSteps.run("[ { value: [ [] , 2 ] }, first ]") == [])  // an element with no value is still the first
    }

    @Test func count() throws {
        #expect(try run("count") == "11")
        #expect(try run("count", "$.s") == "1")
        for value in ["[]", "null", #""""#] {
            #expect(try DataSteps.run("[ $.v, count ]", payload: #"{"v": \#(value)}"#) == 0)
        }
        #expect(try DataSteps.run("[ $.nope, count ]") == 0)
        #expect(try DataSteps.run("[ $.v, count ]", payload: #"{"v": {}}"#) == 1)
        #expect(try DataSteps.run("[ $.v, count ]", payload: #"{"v": 0}"#) == 1)
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
        #expect(try DataSteps.run(#"[ { value: [ null, "" ] }, compact ]"#) == [])
        #expect(try run("compact", "$.s") == #""solo""#)
    }

    @Test func noValueGivesMissing() throws {
        for step in ["first", "last", "unique", "flatten", "compact"] {
            for value in ["null", #""""#, "[]"] {
                #expect(try DataSteps.run("[ $.v, \(step) ]", payload: #"{"v": \#(value)}"#) == nil)
            }
            #expect(DataSteps.loadError("[ $.v, { \(step): 1 } ]")?.message.contains("takes no argument") == true)
        }
    }

    @Test func requiredFailsOnNoValue() throws {
        #expect(try DataSteps.run("[ $.v, required ]", payload: #"{"v": 0}"#) == 0)
        #expect(try DataSteps.run("[ $.v, required ]", payload: #"{"v": [null]}"#) == [nil])
        for value in ["null", #""""#, "[]"] {
            let error = try DataSteps.stepError("[ $.v, required ]", payload: #"{"v": \#(value)}"#)
            #expect(error?.message.hasPrefix("step 2 (required)") == true)
        }
        #expect(try DataSteps.stepError("[ $.nope, required ]")?.message.contains("missing") == true)
        #expect(DataSteps.loadError("[ $.v, { required: true } ]") != nil)
    }
}

/// `each` (S43) and `if` (S52).
@Suite struct StepsDataControlTests {
    @Test func eachMapsElements() throws {
        let payload = #"{"l": [" a ", "b", 3]}"#
        #expect(try DataSteps.run("[ $.l, { each: [ trim ] } ]", payload: payload) == ["a", "b", 3])
        #expect(try DataSteps.run("[ $.l, { each: { trim: ~ } } ]", payload: payload) == ["a", "b", 3])
        // A bare word is no whole pipeline (S13), inside `each` as anywhere.
        #expect(DataSteps.loadError("[ $.l, { each: trim } ]")?.message.hasPrefix("fields.x: step 2 (each): a pipeline cannot be 'trim'") == true)
    }

    @Test func eachDropsMissingKeepsNull() throws {
        #expect(try DataSteps.run("[ { value: [1, 2] }, { each: [ $.nope ] } ]") == [])
        #expect(try DataSteps.run("[ { value: [1, 2] }, { each: [ { value: ~ } ] } ]") == [nil, nil])
    }

    @Test func eachHandsNoValueElementsToThePipeline() throws {
        // `default` sees the blank elements, so they were passed as they are.
        #expect(try DataSteps.run(#"[ { value: ["", a, null, []] }, { each: [ { default: x } ] } ]"#) == ["x", "a", "x", "x"])
        // A transforming step gives missing for them, and missing is dropped.
        #expect(try DataSteps.run(#"[ { value: ["", " a ", null] }, { each: [ trim ] } ]"#) == ["a"])
        #expect(try DataSteps.run(#"[ { value: ["", a] }, { each: [ count ] } ]"#) == [0, 1])
    }

    @Test func eachOnNonListRunsOnceUnwrapped() throws {
        #expect(try DataSteps.run("[ { value: \" a \" }, { each: [ trim ] } ]") == "a")
        #expect(try DataSteps.run("[ { value: [] }, { each: [ count ] } ]") == nil)
        #expect(try DataSteps.run("[ $.nope, { each: [ count ] } ]") == nil)
    }

    @Test func eachNestsErrorsAndPlaces() throws {
        let error = try DataSteps.stepError(#"[ { value: [a, ""] }, { each: [ required ] } ]"#)
        #expect(error?.message.hasPrefix("step 2 (each): element 2: step 1 (required)") == true)
        let loadError = DataSteps.loadError("[ $.l, { each: [ trim, bogus ] } ]")
        #expect(loadError?.message.hasPrefix("fields.x: step 2 (each): step 2: unknown step 'bogus'") == true)
        #expect(DataSteps.loadError("[ $.l, each ]")?.message.contains("needs an argument") == true)
    }

    @Test func ifBothForms() throws {
        let options = "[ $.v, { if: { when: { equals: a }, then: [ { value: yes } ], else: [ { value: no } ] } } ]"
        let siblings = "[ $.v, { if: { equals: a }, then: [ { value: yes } ], else: [ { value: no } ] } ]"
        for pipeline in [options, siblings] {
            #expect(try DataSteps.run(pipeline, payload: #"{"v": "a"}"#) == "yes")
            #expect(try DataSteps.run(pipeline, payload: #"{"v": "b"}"#) == "no")
            #expect(try DataSteps.run(pipeline) == "no")
        }
    }

    @Test func ifAbsentBranchPassesInput() throws {
        let pipeline = #"[ $.v, { if: { when: { equals: "" }, then: [ { value: was-empty } ] } } ]"#
        #expect(try DataSteps.run(pipeline, payload: #"{"v": ""}"#) == "was-empty")  // `if` sees "" as it is
        #expect(try DataSteps.run(pipeline, payload: #"{"v": "kept"}"#) == "kept")
        #expect(try DataSteps.run(pipeline) == nil)
        let onlyElse = "[ $.v, { if: { exists: true }, else: [ { value: none } ] } ]"
        #expect(try DataSteps.run(onlyElse, payload: #"{"v": null}"#) == .some(.null))  // present: `then` is absent
        #expect(try DataSteps.run(onlyElse) == "none")
    }

    @Test func ifBranchesGetTheInputAndPathsThePayload() throws {
        let pipeline = "[ $.v, { if: { path: $.flag, equals: true }, then: [ trim ], else: [ $.other ] } ]"
        #expect(try DataSteps.run(pipeline, payload: #"{"v": " x ", "flag": true}"#) == "x")
        #expect(try DataSteps.run(pipeline, payload: #"{"v": " x ", "flag": 1, "other": 2}"#) == 2)
    }

    @Test func ifErrorsNameTheBranch() throws {
        let error = try DataSteps.stepError("[ $.v, { if: { exists: false }, then: [ required ] } ]")
        #expect(error?.message.hasPrefix("step 2 (if): then: step 1 (required)") == true)
        let typo = DataSteps.loadError("[ $.v, { if: { when: { equals: 1 }, thn: [ trim ] } } ]")
        #expect(typo?.message.contains("unknown option 'thn'") == true)
        let bad = DataSteps.loadError("[ $.v, { if: { when: { equals: 1, in: [1] }, then: [ trim ] } } ]")
        #expect(bad?.message.hasPrefix("fields.x: step 2 (if): when:") == true)
        let branch = DataSteps.loadError("[ $.v, { if: { equals: 1 }, then: [ bogus ] } ]")
        #expect(branch?.message.hasPrefix("fields.x: step 2 (if): then: step 1: unknown step") == true)
        #expect(DataSteps.loadError("[ $.v, { if: { equals: 1 }, otherwise: [ trim ] } ]")?.message.contains("unknown option") == true)
        #expect(DataSteps.loadError("[ $.v, if ]")?.message.contains("needs an argument") == true)
    }
}
