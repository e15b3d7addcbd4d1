import Testing

@testable import Transforms

/// The regex error a throwing call produced, or `nil` when it did not throw.
private func regexError<T>(_ body: () throws(RegexError) -> T) -> RegexError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

@Suite struct RegexCompileTests {
    @Test func compileErrorCarriesOffsetAndPCRE2Message() {
        let error = regexError { () throws(RegexError) in try PCRE2Pattern("a(b") }
        #expect(error?.kind == .compile(offset: 3))
        #expect(error?.description == "invalid pattern at byte 3: missing closing parenthesis")
    }

    @Test func compileErrorOffsetIsInUTF8Bytes() {
        // "é" is two bytes, so the unmatched ")" sits at byte 3, not character 2.
        let error = regexError { () throws(RegexError) in try PCRE2Pattern("éa)") }
        #expect(error?.kind == .compile(offset: 3))
    }

    @Test(arguments: ["[a-", "(?<n>a)(?<n>b)", "a{2,1}", "\\C", "(?<1bad>x)", "*a"])
    func badPatternsAreRefused(_ pattern: String) {
        let error = regexError { () throws(RegexError) in try PCRE2Pattern(pattern) }
        guard case .compile = error?.kind else {
            Issue.record("expected a compile error for \(pattern), got \(String(describing: error))")
            return
        }
    }

    @Test func flagsParseEveryLetter() throws {
        #expect(try RegexOptions(flags: "") == [])
        #expect(try RegexOptions(flags: "imsx") == [.caseless, .multiline, .dotAll, .extended])
        #expect(try RegexOptions(flags: "xi") == [.caseless, .extended])
        #expect(try RegexOptions(flags: "ii") == [.caseless])
    }

    @Test(arguments: ["g", "iu", "I", " ", "i,m"])
    func unknownFlagsAreRefused(_ flags: String) {
        let error = regexError { () throws(RegexError) in try RegexOptions(flags: flags) }
        #expect(error?.kind == .invalidFlags)
        #expect(error?.description.contains("flags are i (caseless)") == true)
    }

    @Test func flagsChangeMatching() throws {
        #expect(try PCRE2Pattern("abc", options: .caseless).containsMatch(in: "xABCx"))
        #expect(try !PCRE2Pattern("abc").containsMatch(in: "xABCx"))
        #expect(try PCRE2Pattern("^b$", options: .multiline).containsMatch(in: "a\nb\nc"))
        #expect(try !PCRE2Pattern("^b$").containsMatch(in: "a\nb\nc"))
        #expect(try PCRE2Pattern("a.c", options: .dotAll).containsMatch(in: "a\nc"))
        #expect(try !PCRE2Pattern("a.c").containsMatch(in: "a\nc"))
        #expect(try PCRE2Pattern("a b # comment", options: .extended).matchesEntirely("ab"))
        #expect(try !PCRE2Pattern("a b # comment").containsMatch(in: "ab"))
    }
}

@Suite struct RegexGroupTests {
    @Test func namedGroupsComeInPatternOrder() throws {
        let pattern = try PCRE2Pattern(#"(?<zeta>\w+)-(\d+)-(?<alpha>\w+)"#)
        #expect(pattern.captureCount == 3)
        #expect(pattern.namedGroups.map(\.number) == [1, 3])
        #expect(pattern.namedGroups.map(\.name) == ["zeta", "alpha"])
        #expect(pattern.number(ofGroup: "alpha") == 3)
        #expect(pattern.number(ofGroup: "missing") == nil)

        let match = try #require(try pattern.firstMatch(in: "id: ab-42-cd!"))
        #expect(match.range == 4..<12)
        #expect(match.wholeMatch == "ab-42-cd")
        #expect(match.group(0) == "ab-42-cd")
        #expect(match.group(1) == "ab")
        #expect(match.group(2) == "42")
        #expect(match.group(named: "alpha") == "cd")
        #expect(match.group(named: "zeta") == "ab")
        #expect(match.group(4) == nil)
        #expect(match.group(-1) == nil)
        #expect(match.group(named: "nope") == nil)
    }

    @Test func pythonStyleGroupsAndBackreferences() throws {
        let pattern = try PCRE2Pattern(#"(?P<year>\d{4})-(?P<month>\d\d)/(?P=year)"#)
        #expect(pattern.namedGroups.map(\.name) == ["year", "month"])
        let match = try #require(try pattern.firstMatch(in: "on 2024-05/2024"))
        #expect(match.group(named: "year") == "2024")
        #expect(match.group(named: "month") == "05")
        #expect(try pattern.firstMatch(in: "on 2024-05/2023") == nil)
    }

    @Test func groupsThatDidNotTakePartAreNil() throws {
        let pattern = try PCRE2Pattern("(?<x>a)|(?<y>b)")
        let match = try #require(try pattern.firstMatch(in: "b"))
        #expect(match.group(1) == nil)
        #expect(match.group(named: "x") == nil)
        #expect(match.group(2) == "b")
        // A group that took part with an empty match is "", not nil.
        let empty = try #require(try PCRE2Pattern("(a*)b").firstMatch(in: "b"))
        #expect(empty.group(1) == "")
    }

    @Test func duplicateNamesUseTheGroupThatTookPart() throws {
        let pattern = try PCRE2Pattern("(?J)(?<n>a)x|(?<n>b)y")
        #expect(pattern.number(ofGroup: "n") == 1)
        let match = try #require(try pattern.firstMatch(in: "by"))
        #expect(match.group(named: "n") == "b")
    }

    @Test func unicodePropertiesAreOn() throws {
        #expect(try PCRE2Pattern(#"^\w+$"#).matchesEntirely("café"))
        #expect(try PCRE2Pattern(#"\w"#).firstMatch(in: "-é-")?.wholeMatch == "é")
        #expect(try PCRE2Pattern(#"\w"#).firstMatch(in: "-é-")?.range == 1..<3)
        #expect(try PCRE2Pattern(#"^\d$"#).matchesEntirely("٣"))
        #expect(try PCRE2Pattern(#"\bété\b"#).containsMatch(in: "un été chaud"))
        #expect(try PCRE2Pattern("ÉTÉ", options: .caseless).containsMatch(in: "un été"))
    }
}

@Suite struct RegexSearchTests {
    @Test func allMatchesAreNonOverlappingWithByteRanges() throws {
        let matches = try PCRE2Pattern(#"\d+"#).allMatches(in: "a1b22c333")
        #expect(matches.map(\.wholeMatch) == ["1", "22", "333"])
        #expect(matches.map(\.range) == [1..<2, 3..<5, 6..<9])
        #expect(try PCRE2Pattern("aa").allMatches(in: "aaaaa").map(\.range) == [0..<2, 2..<4])
        #expect(try PCRE2Pattern("z").allMatches(in: "abc").isEmpty)
    }

    @Test func multibyteMatchesReportByteOffsets() throws {
        let matches = try PCRE2Pattern("é+").allMatches(in: "aéébé🙂é")
        #expect(matches.map(\.range) == [1..<5, 6..<8, 12..<14])
        #expect(matches.map(\.wholeMatch) == ["éé", "é", "é"])
    }

    @Test func emptyMatchesAdvanceOneCharacter() throws {
        // Over "aé" (3 bytes) an empty match is found before each character and at the end;
        // never at byte 2, inside "é".
        #expect(try PCRE2Pattern("x*").allMatches(in: "aé").map(\.range) == [0..<0, 1..<1, 3..<3])
        #expect(try PCRE2Pattern("a*").allMatches(in: "baaa").map(\.range) == [0..<0, 1..<4, 4..<4])
        // A lazy pattern prefers empty, so the NOTEMPTY_ATSTART retry finds the "a" after it.
        #expect(try PCRE2Pattern("a*?").allMatches(in: "aa").map(\.range) == [0..<0, 0..<1, 1..<1, 1..<2, 2..<2])
        #expect(try PCRE2Pattern("").allMatches(in: "").map(\.range) == [0..<0])
    }

    @Test func emptyMatchesStepOverCRLFWhenItIsANewline() throws {
        #expect(try PCRE2Pattern("(*CRLF)x*").allMatches(in: "\r\n").map(\.range) == [0..<0, 2..<2])
        #expect(try PCRE2Pattern("(*LF)x*").allMatches(in: "\r\n").map(\.range) == [0..<0, 1..<1, 2..<2])
    }

    @Test func firstAndContains() throws {
        let pattern = try PCRE2Pattern(#"INC-(?<num>\d+)"#)
        #expect(try pattern.firstMatch(in: "see INC-4411 and INC-12")?.group(named: "num") == "4411")
        #expect(try pattern.firstMatch(in: "nothing") == nil)
        #expect(try pattern.containsMatch(in: "x INC-1"))
        #expect(try !pattern.containsMatch(in: ""))
        #expect(try PCRE2Pattern("^$").firstMatch(in: "")?.range == 0..<0)
    }

    @Test func matchesEntirelyAnchorsBothEnds() throws {
        let digits = try PCRE2Pattern(#"\d+"#)
        #expect(try digits.matchesEntirely("123"))
        #expect(try !digits.matchesEntirely("123a"))
        #expect(try !digits.matchesEntirely("a123"))
        #expect(try !digits.matchesEntirely(""))
        // End anchoring makes the engine backtrack into the second alternative.
        #expect(try PCRE2Pattern("a|ab").matchesEntirely("ab"))
        #expect(try PCRE2Pattern("").matchesEntirely(""))
    }

    @Test func patternsAreSharedAcrossTasks() async throws {
        let pattern = try PCRE2Pattern(#"(?<word>\p{L}+)"#)
        let subject = String(repeating: "héllo wörld ", count: 200)
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { (try? pattern.allMatches(in: subject).count) ?? -1 }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 400, count: 8))
    }
}

@Suite struct RegexReplaceTests {
    private func replace(_ pattern: String, _ template: String, in subject: String) throws -> String {
        let compiled = try PCRE2Pattern(pattern)
        return try compiled.replacingAll(in: subject, with: ReplacementTemplate(template, for: compiled))
    }

    @Test func everyReferenceForm() throws {
        let result = try replace(
            #"(?<user>\w+)@(?<host>[\w.]+)"#, "[$0|$1|${2}|${user}|$host|$$|$$1]", in: "mail bob@example.org now")
        #expect(result == "mail [bob@example.org|bob|example.org|bob|example.org|$|$1] now")
    }

    @Test func referencesAreGreedyUnlessBraced() throws {
        #expect(try replace("(a)(b)", "${1}2", in: "ab") == "a2")
        #expect(try replace("(?<id>a)", "${id}_x", in: "a") == "a_x")
        let twelve = String(repeating: "(.)", count: 12)
        #expect(try replace(twelve, "$12$1", in: "abcdefghijkl") == "la")
    }

    @Test func everyMatchIsReplaced() throws {
        #expect(try replace(#"\s+"#, " ", in: "a  b \t c") == "a b c")
        #expect(try replace("é", "e", in: "café été") == "cafe ete")
        #expect(try replace("x*", "-", in: "abc") == "-a-b-c-")
        #expect(try replace("^", "> ", in: "hi") == "> hi")
        #expect(try replace("z", "y", in: "abc") == "abc")
        #expect(try replace("b", "", in: "abba") == "aa")
    }

    @Test func groupsThatDidNotTakePartExpandToNothing() throws {
        #expect(try replace("(a)|(b)", "<$1$2>", in: "ab") == "<a><b>")
        #expect(try replace("(?<x>a)|b", "[${x}]", in: "ab") == "[a][]")
    }

    @Test(arguments: [
        ("$3", "group 3"),
        ("${3}", "group 3"),
        ("${nope}", "no group named \"nope\""),
        ("$nope", "no group named \"nope\""),
        ("$99999999999999999999999", "group 99999999999999999999999"),
        ("cost: $", "at the end"),
        ("$-", "must be followed"),
        ("${1", "without a closing"),
        ("${a-b}", "neither a group number nor a group name"),
        ("${}", "neither a group number nor a group name"),
    ])
    func badReferencesAreErrorsNamingTheProblem(_ template: String, _ expected: String) throws {
        let pattern = try PCRE2Pattern("(?<a>x)(y)")
        let error = regexError { () throws(RegexError) in try ReplacementTemplate(template, for: pattern) }
        #expect(error?.kind == .badReplacement)
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }

    @Test func aTemplateForAnotherPatternIsRefused() throws {
        let wide = try PCRE2Pattern("(a)(b)")
        let narrow = try PCRE2Pattern("a")
        let template = try ReplacementTemplate("$2", for: wide)
        let error = regexError { () throws(RegexError) in try narrow.replacingAll(in: "a", with: template) }
        #expect(error?.kind == .badReplacement)
    }
}

@Suite struct RegexLimitTests {
    private static func isLimit(_ error: RegexError?) -> Bool {
        error?.kind == .matchLimit || error?.kind == .depthLimit
    }

    @Test func catastrophicBacktrackingHitsALimit() throws {
        let subject = String(repeating: "a", count: 30_000) + "b"
        let nested = try PCRE2Pattern("(a+)+$")
        let error = regexError { () throws(RegexError) in try nested.firstMatch(in: subject) }
        #expect(error?.kind == .matchLimit)
        #expect(error?.description == "regex exceeded its match limit (catastrophic backtracking?)")
        let alternation = try PCRE2Pattern("(a|aa)+$")
        #expect(Self.isLimit(regexError { () throws(RegexError) in try alternation.allMatches(in: subject) }))
        let xs = try PCRE2Pattern(#"(x+x+)+\d"#)
        #expect(Self.isLimit(regexError { () throws(RegexError) in try xs.containsMatch(in: String(repeating: "x", count: 50_000)) }))
    }

    @Test func theJITIsInUse() throws {
        // BUILD-NOTES: Debian's libpcre2-8 has JIT; without it the limit tests above would
        // only exercise the interpreter.
        #expect(try PCRE2Pattern("a").isJITCompiled)
        #expect(try !PCRE2Pattern("a", options: [], limits: .standard, allowJIT: false).isJITCompiled)
    }

    @Test func theInterpreterHitsALimitToo() throws {
        let subject = String(repeating: "a", count: 30_000) + "b"
        let interpreted = try PCRE2Pattern("(a|aa)+", options: [], limits: .standard, allowJIT: false)
        #expect(Self.isLimit(regexError { () throws(RegexError) in try interpreted.matchesEntirely(subject) }))
        #expect(Self.isLimit(regexError { () throws(RegexError) in try PCRE2Pattern("(a|aa)+").matchesEntirely(subject) }))
    }

    @Test func requiredCharacterShortcutDefusesSomePatterns() throws {
        // PCRE2 notices the subject has no "y" at all and fails at once, without backtracking.
        #expect(try PCRE2Pattern("(x+x+)+y").firstMatch(in: String(repeating: "x", count: 50_000)) == nil)
    }

    @Test func smallLimitsAreObeyed() throws {
        let shallow = try PCRE2Pattern("(?:a|b)+", options: [], limits: RegexLimits(depthLimit: 100), allowJIT: false)
        let deep = regexError { () throws(RegexError) in try shallow.matchesEntirely(String(repeating: "a", count: 1_000)) }
        #expect(deep?.kind == .depthLimit)
        let tinyStack = try PCRE2Pattern(#"(?:(a)|\d)+"#, limits: RegexLimits(jitStackBytes: 32 << 10))
        let stack = regexError { () throws(RegexError) in try tinyStack.firstMatch(in: String(repeating: "a", count: 200_000)) }
        #expect(stack?.kind == .depthLimit)
        let fewSteps = try PCRE2Pattern("(a+)+$", limits: RegexLimits(matchLimit: 1_000))
        let steps = regexError { () throws(RegexError) in try fewSteps.firstMatch(in: String(repeating: "a", count: 40) + "b") }
        #expect(steps?.kind == .matchLimit)
    }

    @Test func ordinaryPatternsOnAMebibyteAreUnaffected() throws {
        let mebibyte = 1 << 20
        let letters = String(repeating: "a", count: mebibyte)
        // A repeated group per byte: about 2 M JIT steps, and a private JIT stack of > 32 MiB.
        #expect(try PCRE2Pattern(#"(?:(\w)\s?)+$"#).firstMatch(in: letters)?.range == 0..<mebibyte)
        #expect(try PCRE2Pattern(#"(?:(a)|\d)+"#).firstMatch(in: letters)?.range == 0..<mebibyte)
        #expect(try PCRE2Pattern("(?:.)+").matchesEntirely(letters))
        // About 1 M levels deep where PCRE2 has no JIT.
        let interpreted = try PCRE2Pattern("(?:.)+", options: [], limits: .standard, allowJIT: false)
        #expect(try interpreted.matchesEntirely(letters))
        #expect(try interpreted.firstMatch(in: letters)?.range == 0..<mebibyte)
        let words = String(repeating: "hello world ", count: mebibyte / 12)
        #expect(try PCRE2Pattern(#"(\w+)\s(\w+)\s*X"#).firstMatch(in: words) == nil)
        #expect(try PCRE2Pattern(#"\bworld\b"#).allMatches(in: words).count == mebibyte / 12)
    }
}
