import Testing

@testable import Transforms

@Suite("regex step")
struct RegexStepTests {
    let text: JSON = "see INC-4411 and INC-52 by ana@corp zz"

    @Test func matchShapes() throws {
        #expect(try StepHarness.run(#"[ { regex: 'INC-\d+' } ]"#, input: text) == "INC-4411")
        #expect(try StepHarness.run(#"[ { regex: 'INC-(\d+)' } ]"#, input: text) == "4411")
        #expect(try StepHarness.run(#"[ { regex: 'INC-(?<num>\d+)' } ]"#, input: text) == ["num": "4411"])
        #expect(try StepHarness.run(#"[ { regex: '(\w+)@(\w+)' } ]"#, input: text) == ["ana", "corp"])
        #expect(try StepHarness.run(#"[ { regex: 'ZZZ' } ]"#, input: text) == nil)
    }

    @Test func namedGroupsInPatternOrderWithNullsAndUnnamedIgnored() throws {
        let yaml = #"[ { regex: '(?P<user>\w+)@(?<host>[\w.]+?)(?:\.(?<tld>zz))?(\s|$)' } ]"#
        let result = try #require(try StepHarness.run(yaml, input: text))
        #expect(result == ["user": "ana", "host": "corp", "tld": .null])
        #expect(result.objectValue?.keys == ["user", "host", "tld"])
    }

    @Test func oneUnnamedGroupNotTakingPartIsNull() throws {
        #expect(try StepHarness.run(#"[ { regex: 'a(x)?b' } ]"#, input: "ab") == .null)
        #expect(try StepHarness.run(#"[ { regex: '(a)|(b)' } ]"#, input: "b") == [.null, "b"])
    }

    @Test func groupOptionByNumberAndName() throws {
        #expect(try StepHarness.run(#"[ { regex: '(\w+)@(\w+)', group: 2 } ]"#, input: text) == "corp")
        #expect(try StepHarness.run(#"[ { regex: '(?<user>\w+)@(?<host>\w+)', group: host } ]"#, input: text) == "corp")
        #expect(try StepHarness.run(#"[ { regex: '(\w+)@(\w+)', group: 0 } ]"#, input: text) == "ana@corp")
        #expect(try StepHarness.run(#"[ { regex: { pattern: '(?<u>\w+)@(\w+)', group: 2 } } ]"#, input: text) == "corp")
    }

    @Test func badGroupsAreMapperErrors() throws {
        let number = try #require(try StepHarness.mapperError(#"[ { regex: '(\w+)@(\w+)', group: 3 } ]"#))
        #expect(number.message.contains("group 3 does not exist"))
        let name = try #require(try StepHarness.mapperError(#"[ { regex: '(?<user>\w+)', group: host } ]"#))
        #expect(name.message.contains("'host' does not exist"))
        #expect(name.message.contains("'user'"))
        #expect(try StepHarness.mapperError(#"[ { regex: '(\w+)', group: -1 } ]"#) != nil)
        #expect(try StepHarness.mapperError(#"[ { regex: '(\w+)', group: [1] } ]"#) != nil)
    }

    @Test func allGivesEveryMatch() throws {
        #expect(try StepHarness.run(#"[ { regex: 'INC-(\d+)', all: true } ]"#, input: text) == ["4411", "52"])
        #expect(try StepHarness.run(#"[ { regex: 'INC-(?<n>\d+)', all: true } ]"#, input: text) == [["n": "4411"], ["n": "52"]])
        #expect(try StepHarness.run(#"[ { regex: 'ZZZ', all: true } ]"#, input: text) == [])
        #expect(try StepHarness.run(#"[ { regex: 'x', all: false } ]"#, input: "axbx") == "x")
        #expect(try StepHarness.mapperError(#"[ { regex: 'x', all: yes } ]"#) != nil)
    }

    @Test func listInputDropsNullsAndMisses() throws {
        let lines: JSON = ["id=7", .null, "nothing here", "x id=42 id=43", 9]
        #expect(try StepHarness.run(#"[ { regex: 'id=(\d+)' } ]"#, input: lines) == ["7", "42"])
        #expect(try StepHarness.run(#"[ { regex: 'id=(\d+)', all: true } ]"#, input: lines) == [["7"], ["42", "43"]])
        #expect(try StepHarness.run(#"[ { regex: '\d' } ]"#, input: lines) == ["7", "4", "9"])
        #expect(try StepHarness.run(#"[ { regex: 'q' } ]"#, input: ["a", .null]) == [])
    }

    @Test func flagsAndUnicode() throws {
        let input: JSON = "Title\nSEVERITY: High\nby café owner"
        #expect(try StepHarness.run(#"[ { regex: { pattern: '^severity: (\w+)$', flags: im } } ]"#, input: input) == "High")
        #expect(try StepHarness.run(#"[ { regex: '^severity: (\w+)$' } ]"#, input: input) == nil)
        #expect(try StepHarness.run(#"[ { regex: 'a.b', flags: s } ]"#, input: "a\nb") == "a\nb")
        #expect(try StepHarness.run(#"[ { regex: ' a b # comment', flags: x } ]"#, input: "ab") == "ab")
        #expect(try StepHarness.run(#"[ { regex: '\w*é\w*' } ]"#, input: input) == "café")
        let flags = try #require(try StepHarness.mapperError(#"[ { regex: 'a', flags: iq } ]"#))
        #expect(flags.message.contains("flags"))
    }

    @Test func textInputRule() throws {
        #expect(try StepHarness.run(#"[ { regex: '^(\d{3})' } ]"#, input: 40412) == "404")
        #expect(try StepHarness.run(#"[ { regex: 'ru' } ]"#, input: true) == "ru")
        #expect(try StepHarness.run(#"[ { regex: '\.(\d)' } ]"#, input: 2.5) == "5")
        #expect(try StepHarness.run(#"[ { regex: '^\d{4}' } ]"#, input: .instant(Instant(millisecondsSinceEpoch: 0))) == "1970")
        let object = try #require(try StepHarness.stepError(#"[ { regex: 'a' } ]"#, input: ["a": "a"]))
        #expect(object.message.hasPrefix("step 1 (regex)"))
        #expect(try StepHarness.stepError(#"[ { regex: 'a' } ]"#, input: ["a", ["a"]]) != nil)
        #expect(try StepHarness.run(#"[ { regex: 'a' } ]"#, input: "") == nil)
    }

    @Test func invalidPatternNamesItsOffset() throws {
        let error = try #require(try StepHarness.mapperError("[ { regex: 'ab(c' } ]"))
        #expect(error.message.hasPrefix("fields.x: step 1 (regex)"))
        #expect(error.message.contains("at byte 4"))
        #expect(error.mark.line == 1)
    }

    @Test func runtimeLimitsQuarantine() throws {
        let input: JSON = .string(String(repeating: "a", count: 5_000) + "!")
        let error = try #require(try StepHarness.stepError(#"[ { regex: '^(a|a?)+$' } ]"#, input: input))
        #expect(error.message.contains("limit"))
    }

    @Test func explainingNotesTheGroups() throws {
        let recorder = TraceRecorder()
        _ = try StepHarness.run(#"[ { regex: '(\w+)@(\w+)?' } ]"#, input: "ana@", recorder: recorder)
        let step = try #require(recorder.takeSteps().first?.objectValue)
        #expect(step["groups"] == [["ana@", "ana", .null]])
    }
}

@Suite("replace step")
struct ReplaceStepTests {
    let kv: JSON = "user=alice host=db1"

    @Test func references() throws {
        let yaml = #"[ { replace: '(?<key>\w+)=(\w+)', with: '$2:${1} [$0] $$1' } ]"#
        #expect(try StepHarness.run(yaml, input: kv) == "alice:user [user=alice] $1 db1:host [host=db1] $1")
        let named = #"[ { replace: '(?<key>\w+)=(?P<val>\w+)', with: '${val}<-$key' } ]"#
        #expect(try StepHarness.run(named, input: kv) == "alice<-user db1<-host")
        #expect(try StepHarness.run(#"[ { replace: 'a(x)?b', with: '[$1]' } ]"#, input: "ab axb") == "[] [x]")
    }

    @Test func everyMatchIsReplaced() throws {
        #expect(try StepHarness.run(#"[ { replace: '=\w+', with: "" } ]"#, input: kv) == "user host")
        #expect(try StepHarness.run(#"[ { replace: '\s+', with: " " } ]"#, input: "a \t b\n\nc") == "a b c")
    }

    @Test func optionsFormDefaultsWithToEmpty() throws {
        #expect(try StepHarness.run(#"[ { replace: { pattern: '\d' } } ]"#, input: "a1b22") == "ab")
        #expect(try StepHarness.run(#"[ { replace: { pattern: 'B', with: x, flags: i } } ]"#, input: "abc") == "axc")
        #expect(try StepHarness.run(#"[ { replace: 'B', with: x, flags: i } ]"#, input: "abc") == "axc")
    }

    @Test func loneReplaceWithoutWithIsAMapperError() throws {
        let error = try #require(try StepHarness.mapperError(#"[ { replace: '\d' } ]"#))
        #expect(error.message.contains(#"{replace: PATTERN, with: ""}"#))
        #expect(try StepHarness.mapperError("[ replace ]") != nil)
    }

    @Test func argumentMistakes() throws {
        let badReference = try #require(try StepHarness.mapperError(#"[ { replace: '(a)', with: '$2' } ]"#))
        #expect(badReference.message.contains("with"))
        #expect(try StepHarness.mapperError(#"[ { replace: '(a)', with: '${nope}' } ]"#) != nil)
        #expect(try StepHarness.mapperError(#"[ { replace: 'a(', with: x } ]"#) != nil)
        #expect(try StepHarness.mapperError(#"[ { replace: { with: x } } ]"#) != nil)
        let unknown = try #require(try StepHarness.mapperError(#"[ { replace: { pattern: a, wiht: x } } ]"#))
        #expect(unknown.kind == .unknownKey)
        let both = try #require(try StepHarness.mapperError(#"[ { replace: { pattern: a, with: x }, flags: i } ]"#))
        #expect(both.message.contains("not both"))
        #expect(try StepHarness.mapperError(#"[ { replace: a, with: [x] } ]"#) != nil)
        #expect(try StepHarness.mapperError(#"[ { replace: a, with: x, flags: z } ]"#) != nil)
    }

    @Test func listsKeepNullsAndNumbersReadAsText() throws {
        #expect(
            try StepHarness.run(##"[ { replace: { pattern: '\d', with: "#" } } ]"##, input: ["a1b22", .null, "c", 7]) == ["a#b##", .null, "c", "#"])
        #expect(try StepHarness.run(#"[ { replace: '\.', with: "," } ]"#, input: 2.5) == "2,5")
        #expect(try StepHarness.stepError(#"[ { replace: a, with: b } ]"#, input: ["k": "a"]) != nil)
        #expect(try StepHarness.stepError(#"[ { replace: a, with: b } ]"#, input: [["a"]]) != nil)
    }

    @Test func runtimeLimitsQuarantine() throws {
        let input: JSON = .string(String(repeating: "a", count: 5_000) + "!")
        #expect(try StepHarness.stepError(#"[ { replace: '^(a|a?)+$', with: x } ]"#, input: input) != nil)
    }
}
