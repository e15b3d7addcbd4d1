import Testing

@testable import Transforms

@Suite struct JSONPathTests {
    static let store: JSON = [
        "store": [
            "book": [
                ["title": "Sayings", "price": 8.95, "tags": ["wise"]],
                ["title": "Sword", "price": 12.99, "isbn": "0-553"],
                ["title": "Moby", "price": 8, "isbn": nil],
            ],
            "bicycle": ["color": "red", "price": 399],
        ],
        "ünï": "code",
    ]

    func values(_ query: String, _ document: JSON = store) throws -> [JSON] {
        try JSONPath(query).values(document)
    }

    func paths(_ query: String, _ document: JSON = store) throws -> [String] {
        try JSONPath(query).select(document).map(\.normalizedPath)
    }

    // MARK: selection

    @Test func namesWildcardsAndIndexes() throws {
        #expect(try values("$.store.bicycle.color") == ["red"])
        #expect(try values("$['store'][\"bicycle\"]['color']") == ["red"])
        #expect(try values("$.ünï") == ["code"])
        #expect(try values("$.store.book[-1].title") == ["Moby"])
        #expect(try values("$.store.book[3]") == [])
        #expect(try values("$.store.book[-4]") == [])
        #expect(try values("$.store.book[*].title") == ["Sayings", "Sword", "Moby"])
        #expect(try values("$.store.bicycle.*") == ["red", 399])
        #expect(try values("$.store.book[0,0].title") == ["Sayings", "Sayings"])
        #expect(try values("$.store.book[0]['title','price']") == ["Sayings", 8.95])
        #expect(try values("$.missing.deeper") == [])
        #expect(try values("$") == [Self.store])
    }

    @Test func slicesFollowSection2_3_4_2() throws {
        let list: JSON = [0, 1, 2, 3, 4, 5]
        let cases: [(String, [JSON])] = [
            ("$[1:3]", [1, 2]), ("$[:2]", [0, 1]), ("$[4:]", [4, 5]), ("$[:]", [0, 1, 2, 3, 4, 5]),
            ("$[::2]", [0, 2, 4]), ("$[-2:]", [4, 5]), ("$[::-1]", [5, 4, 3, 2, 1, 0]),
            ("$[4:1:-2]", [4, 2]), ("$[-1:-4:-1]", [5, 4, 3]), ("$[1:3:0]", []), ("$[5:1]", []),
            ("$[-100:100]", [0, 1, 2, 3, 4, 5]), ("$[100:-100:-3]", [5, 2]), ("$[1 : 3 : 1]", [1, 2]),
        ]
        for (query, expected) in cases {
            #expect(try values(query, list) == expected, "\(query)")
        }
        #expect(try values("$[0:2]", ["a": 1]) == [])
    }

    @Test func descendantsComeInDocumentOrder() throws {
        #expect(try values("$..price") == [8.95, 12.99, 8, 399])
        #expect(try values("$..[0]", [[1, [2]], [3]]) == [[1, [2]], 1, 2, 3])
        #expect(try paths("$..title") == ["$['store']['book'][0]['title']", "$['store']['book'][1]['title']", "$['store']['book'][2]['title']"])
        #expect(try values("$..*", ["a": [1]]) == [[1], 1])
    }

    @Test func nameMatchingIsScalarExact() throws {
        let document: JSON = ["\u{E9}": "composed"]
        #expect(try values("$['\u{E9}']", document) == ["composed"])
        #expect(try values("$['e\u{301}']", document) == [])
    }

    @Test func escapesInNames() throws {
        let document: JSON = ["a'b": 1, "\u{1F600}": 2, "tab\there": 3, "q\"": 4]
        #expect(try values(#"$['a\'b']"#, document) == [1])
        #expect(try values(#"$["\uD83D\uDE00"]"#, document) == [2])
        #expect(try values(#"$['tab\there']"#, document) == [3])
        #expect(try values(#"$["q\""]"#, document) == [4])
        #expect(try values(#"$['q"']"#, document) == [4])
        #expect(try values(#"$['\u0061\/']"#, ["a/": 5]) == [5])
    }

    // MARK: normalized paths

    @Test func normalizedPathsEscapeAsSection2_7Says() throws {
        let document: JSON = ["a'b": 1, "back\\slash": 2, "\u{1}\u{8}\u{C}\n\r\t\u{1F}": 3, "ü": [10, 11]]
        #expect(try paths("$['a\\'b']", document) == [#"$['a\'b']"#])
        #expect(try paths("$['back\\\\slash']", document) == [#"$['back\\slash']"#])
        #expect(try paths("$.*", document)[2] == #"$['\u0001\b\f\n\r\t\u001f']"#)
        #expect(try paths("$.ü[-1]", document) == ["$['ü'][1]"])
        #expect(try paths("$", document) == ["$"])
        let node = try #require(try JSONPath("$['ü'][0]").select(document).first)
        #expect(node.location == [.member("ü"), .index(0)])
        #expect(node.value == 10)
    }

    // MARK: filters

    @Test func comparisonsFollowSection2_3_5_2_2() throws {
        #expect(try values("$.store.book[?@.price < 10].title") == ["Sayings", "Moby"])
        #expect(try values("$.store.book[?@.price == 8.0].title") == ["Moby"], "1 == 1.0 (S3)")
        #expect(try values("$.store.book[?@.price >= 12.99].title") == ["Sword"])
        #expect(try values("$.store.book[?@.title > 'Sb'].title") == ["Sword"])
        #expect(try values("$.store.book[?@.isbn == null].title") == ["Moby"])
        #expect(try values("$.store.book[?@.isbn != null].title") == ["Sayings", "Sword"], "Nothing != null")
        #expect(try values("$.store.book[?@.nope == @.gone].title") == ["Sayings", "Sword", "Moby"], "Nothing == Nothing")
        #expect(try values("$.store.book[?@.nope <= @.gone].title") == ["Sayings", "Sword", "Moby"])
        #expect(try values("$.store.book[?@.nope < @.gone].title") == [])
        #expect(try values("$.store.book[?@.title < 1]") == [], "mixed types are never ordered")
        #expect(try values("$[?@ == 'x']", ["x", "y"]) == ["x"])
    }

    @Test func deepEqualityIgnoresKeyOrder() throws {
        let document: JSON = ["a": ["x": 1, "y": [1, 2]], "b": ["y": [1, 2.0], "x": 1.0], "c": ["x": 1]]
        #expect(try values("$[?@ == $.a]", document) == [document.objectValue!["a"]!, document.objectValue!["b"]!])
    }

    @Test func logicalOperatorsAndExistence() throws {
        #expect(try values("$.store.book[?@.isbn].title") == ["Sword", "Moby"], "a null member exists")
        #expect(try values("$.store.book[?!@.isbn].title") == ["Sayings"])
        #expect(try values("$.store.book[?@.isbn && @.price > 10].title") == ["Sword"])
        #expect(try values("$.store.book[?!(@.price > 10) || @.tags].title") == ["Sayings", "Moby"])
        #expect(try values("$.store.book[?(@.price < 9 || @.isbn) && !@.tags].title") == ["Sword", "Moby"])
        #expect(try values("$.store.book[?$.store.bicycle].title").count == 3, "absolute queries inside filters")
        #expect(try values("$.store[?@.color]") == [Self.store.objectValue!["store"]!.objectValue!["bicycle"]!])
    }

    @Test func functionExtensions() throws {
        let document: JSON = ["e\u{301}", "é", "abc", ["a", "b"], ["k": 1], 5, "a\nb", "a\rb", "aXb"]
        #expect(try values("$[?length(@) == 2]", document) == ["e\u{301}", ["a", "b"]], "length counts scalars")
        #expect(try values("$[?length(@) == 1]", document) == ["é", ["k": 1]])
        #expect(try values("$[?match(@, 'a.b')]", document) == ["aXb"], ". excludes \\n and \\r")
        #expect(try values("$[?search(@, 'b')]", document) == ["abc", "a\nb", "a\rb", "aXb"])
        #expect(try values("$[?match(@, 'b')]", document) == [])
        #expect(try values("$[?search(@, '[')]", document) == [], "an invalid I-Regexp is false")
        #expect(try values("$[?search(@, 1)]", document) == [], "a non-string pattern is false")
        #expect(try values("$[?search(@, '\\\\p{Lu}')]", document) == ["aXb"])
        let bicycle = try #require(Self.store.objectValue?["store"]?.objectValue?["bicycle"])
        #expect(try values("$.store[?count(@.*) == 2]") == [bicycle])
        #expect(try values("$.store.book[?value(@..wise) == null]").isEmpty)
        #expect(try values("$[?value(@.*) == 1]", [["a": 1], ["a": 1, "b": 1], []]) == [["a": 1]])
    }

    @Test func patternsFromTheDocument() throws {
        let document: JSON = ["pattern": "a.c", "items": ["abc", "xabc", "a\nc"]]
        #expect(try values("$.items[?match(@, $.pattern)]", document) == ["abc"])
        #expect(try values("$.items[?search(@, $.pattern)]", document) == ["abc", "xabc"])
        #expect(try values("$.items[?search(@, $.missing)]", document) == [])
    }

    @Test func singularQueries() throws {
        for query in ["$", "$.a", "$['a'][0]", "$.a[-1].b", "$ .a [0]"] {
            #expect(try JSONPath(query).isSingular, "\(query)")
        }
        for query in ["$.*", "$[0:1]", "$..a", "$['a','b']", "$[?@]", "$[ 'a' ]", "$[0 ]"] {
            #expect(try !JSONPath(query).isSingular, "\(query)")
        }
    }

    // MARK: invalid queries

    @Test func invalidQueriesReportWhereAndWhat() {
        let cases: [(String, Int, String)] = [
            ("", 0, "expected '$'"),
            ("a", 0, "expected '$'"),
            ("$.", 2, "expected a member name"),
            ("$. a", 2, "expected a member name"),
            ("$.a ", 3, "white space at the end"),
            ("$..", 3, "after '..'"),
            ("$[01]", 2, "leading zeros"),
            ("$[-0]", 2, "-0"),
            ("$[9007199254740992]", 2, "out of range"),
            ("$[-9007199254740992:]", 2, "out of range"),
            ("$['a'", 1, "unclosed '['"),
            ("$['a", 2, "unclosed string"),
            (#"$['\q']"#, 3, "invalid escape"),
            (#"$['\"']"#, 3, "invalid escape"),
            (#"$["\uD800"]"#, 3, "high surrogate"),
            (#"$["\uDC00"]"#, 3, "lone low surrogate"),
            ("$['\t']", 3, "control character"),
            ("$[1 2]", 4, "expected ',' or ']'"),
            ("$[?@.* == 1]", 3, "singular"),
            ("$[?@[ 'a' ] == 1]", 3, "singular"),
            ("$[?@..a == 1]", 3, "singular"),
            ("$[?length(@.*) == 1]", 10, "singular"),
            ("$[?count(1) == 1]", 9, "query"),
            ("$[?match(@.a, 'x') == true]", 3, "cannot be compared"),
            ("$[?length(@)]", 3, "compare it"),
            ("$[?1]", 3, "literal alone"),
            ("$[?!@.a == 1]", 3, "cannot negate a comparison"),
            ("$[?foo(@)]", 3, "unknown function 'foo'"),
            ("$[?length (@) == 1]", 9, "white space"),
            ("$[?length(@, @) == 1]", 13, "takes 1 argument"),
            ("$[?match(@) == 1]", 3, "takes 2 arguments"),
            ("$[?@.a == 01]", 10, "leading zeros"),
            ("$[?@.a == 1.]", 12, "digit after '.'"),
            ("$[?@.a == True]", 10, "expected a value after '=='"),
            ("$[?@.a == truthy]", 10, "unknown name 'truthy'"),
            ("$[?@.tags == ['wise']]", 13, "expected a value"),
            ("$[?(@.a]", 7, "expected ')'"),
            ("$[?@.a == @.b == 1]", 14, "expected ',' or ']'"),
        ]
        for (query, offset, fragment) in cases {
            do {
                _ = try JSONPath(query)
                Issue.record("\(query) was accepted")
            } catch {
                #expect(error.offset == offset, "\(query): \(error)")
                #expect(error.message.contains(fragment), "\(query): \(error)")
            }
        }
    }

    @Test func errorsPrintTheirOffset() {
        #expect(
            JSONPathError(offset: 4, message: "expected a member name after '.'").description
                == "byte 4: expected a member name after '.'")
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let deep = "$[?" + String(repeating: "(", count: 10_000) + "@" + String(repeating: ")", count: 10_000) + "]"
        #expect(throws: JSONPathError.self) { try JSONPath(deep) }
        let fine = "$[?" + String(repeating: "(", count: 50) + "@.a" + String(repeating: ")", count: 50) + "]"
        #expect(try JSONPath(fine).values([["a": 1], ["b": 2]]) == [["a": 1]])
    }
}

/// I-Regexp (RFC 9485) parsing and its translation to PCRE2 for `match()` and `search()`.
@Suite struct IRegexpTests {
    @Test func validPatternsTranslate() {
        let cases: [(String, String)] = [
            ("a.c", #"a[^\n\r]c"#),
            ("[a-z]+", "[a-z]+"),
            ("(ab|c){2,3}", "(?:ab|c){2,3}"),
            ("x{2,}y?", "x{2,}y?"),
            ("[^-a]", #"[^\-a]"#),
            ("[a-]", #"[a\-]"#),
            (#"[\n\]-]"#, #"[\n\]\-]"#),
            (#"\p{Lu}\P{Nd}[\p{L}_]"#, #"\p{Lu}\P{Nd}[\p{L}\_]"#),
            (#"\.\*\\"#, #"\.\*\\"#),
            ("a|", "a|"),
            ("", ""),
            ("#/ -,", ##"\#\/\x{20}\-\,"##),
            ("^ab$", #"\Aab\z"#),
            ("é\u{1}", #"é\x{1}"#),
        ]
        for (source, expected) in cases {
            #expect(IRegexp.pcre2Pattern(source) == expected, "\(source)")
        }
    }

    @Test func patternsOutsideIRegexpAreRejected() {
        for source in [
            "a**", "a+?", "(?:a)", #"\d"#, #"\w"#, #"\1"#, "a{,3}", "a{2", "{", "}", "]", "[]", "[^]",
            "[a-b-c]", "[--a]", "(a", "a)", #"\p{IsBasicLatin}"#, #"\p{Lx}"#, "[[]", #"\"#, #"[\d]"#,
        ] {
            #expect(IRegexp.pcre2Pattern(source) == nil, "\(source)")
        }
    }

    @Test func matchIsWholeStringAndSearchIsAnywhere() throws {
        let document: JSON = ["2024-01-02", "x2024-01-02", "2024-1-2", "line\nbreak"]
        #expect(try JSONPath("$[?match(@, '[0-9]{4}-[0-9]{2}-[0-9]{2}')]").values(document) == ["2024-01-02"])
        #expect(try JSONPath("$[?search(@, '[0-9]{4}-[0-9]{2}')]").values(document) == ["2024-01-02", "x2024-01-02"])
        #expect(try JSONPath("$[?search(@, '^[0-9]')]").values(document) == ["2024-01-02", "2024-1-2"])
        #expect(try JSONPath("$[?search(@, 'line$')]").values(document) == [], "$ is the very end")
        #expect(try JSONPath("$[?search(@, 'line.break')]").values(document) == [])
        #expect(try JSONPath("$[?search(@, 'line[^a]break')]").values(document) == ["line\nbreak"])
    }
}
