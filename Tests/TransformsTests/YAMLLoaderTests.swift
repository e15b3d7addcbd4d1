import Foundation
import Testing

@testable import Transforms

/// The value of `v` in the one-line document `v: <scalar>`.
private func value(_ scalar: String) throws -> JSON? {
    try YAMLLoader.load("v: \(scalar)\n", file: "t.yaml")["v"]?.json
}

/// The error loading `text` throws, or nil when it loads.
private func loadError(_ text: String) -> SourceError? {
    do {
        _ = try YAMLLoader.load(text, file: "t.yaml")
        return nil
    } catch {
        return error
    }
}

/// A fresh temporary file holding `bytes`.
private func temporaryFile(_ bytes: [UInt8]) throws -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("yaml-loader-\(UUID().uuidString).yaml").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite struct YAMLLoaderTests {
    // MARK: Scalars (SEMANTICS S5)

    @Test func nullsAndBooleans() throws {
        for text in ["~", "null", "Null", "NULL", ""] { #expect(try value(text) == .null, "\(text)") }
        for text in ["true", "True", "TRUE"] { #expect(try value(text) == .bool(true), "\(text)") }
        for text in ["false", "False", "FALSE"] { #expect(try value(text) == .bool(false), "\(text)") }
    }

    @Test func yaml11WordsDatesAndTimesStayStrings() throws {
        for text in ["yes", "no", "on", "off", "NO", "Yes", "y", "2026-01-01", "12:30", "nULL", "tRUE"] {
            #expect(try value(text) == .string(text), "\(text)")
        }
    }

    @Test func integers() throws {
        #expect(try value("42") == .number(.int(42)))
        #expect(try value("-17") == .number(.int(-17)))
        #expect(try value("+5") == .number(.int(5)))
        #expect(try value("007") == .number(.int(7)))
        #expect(try value("0x1F") == .number(.int(31)))
        #expect(try value("0xff") == .number(.int(255)))
        #expect(try value("0o17") == .number(.int(15)))
        #expect(try value("-9223372036854775808") == .number(.int(Int.min)))
        // Not integers in the core schema: strings.
        for text in ["0x", "0o8", "0b101", "1_000", "-0x1", "0X1F", "12a"] {
            #expect(try value(text) == .string(text), "\(text)")
        }
    }

    @Test func integersBeyond64BitsBecomeBigInts() throws {
        #expect(try value("123456789012345678901234567890") == .number(.bigInt("123456789012345678901234567890")))
        #expect(try value("-00099999999999999999999") == .number(.bigInt("-99999999999999999999")))
        #expect(try value("+9223372036854775808") == .number(.bigInt("9223372036854775808")))
        // 2^64 and 8^22 = 2^66, converted to decimal.
        #expect(try value("0x10000000000000000") == .number(.bigInt("18446744073709551616")))
        #expect(try value("0o10000000000000000000000") == .number(.bigInt("73786976294838206464")))
    }

    @Test func floats() throws {
        #expect(try value("1e3") == .number(.double(1000)))
        #expect(try value("1.5") == .number(.double(1.5)))
        #expect(try value("-.5") == .number(.double(-0.5)))
        #expect(try value("1.") == .number(.double(1)))
        #expect(try value("2.E-2") == .number(.double(0.02)))
        #expect(try value("+1.0e+2") == .number(.double(100)))
        for text in [".inf", ".Inf", ".INF", "+.inf"] { #expect(try value(text) == .number(.double(.infinity)), "\(text)") }
        #expect(try value("-.INF") == .number(.double(-.infinity)))
        for text in [".nan", ".NaN", ".NAN"] {
            guard case .number(.double(let nan))? = try value(text) else {
                Issue.record("\(text) is not a double")
                continue
            }
            #expect(nan.isNaN)
        }
        // Not floats: strings.
        for text in [".", "1e", "e3", ".iNf", "-.nan", "inf", "NaN", "1.2.3", "0x1p3"] {
            #expect(try value(text) == .string(text), "\(text)")
        }
        // A float with an integral value stays a non-integer (S2).
        guard case .number(let number)? = try value("1e3") else { return }
        #expect(!number.isInteger)
    }

    @Test func quotedAndBlockScalarsAreStrings() throws {
        #expect(try value("\"true\"") == .string("true"))
        #expect(try value("'null'") == .string("null"))
        #expect(try value("'0x1F'") == .string("0x1F"))
        #expect(try value("\"12\"") == .string("12"))
        #expect(try value("!!str 12") == .string("12"))
        #expect(try value("!!str true") == .string("true"))
        #expect(try value("! 12") == .string("12"))
        let block = try YAMLLoader.load("a: |\n  true\nb: >-\n  12\n", file: "t.yaml")
        #expect(block["a"]?.json == .string("true\n"))
        #expect(block["b"]?.json == .string("12"))
    }

    @Test func scalarsKeepTheirTextAndStyle() throws {
        let doc = try YAMLLoader.load("a: 0x1F\nb: \"x\\ty\"\nc: |\n  z\n", file: "t.yaml")
        guard case .scalar(let a, let aText, let aQuoted)? = doc["a"]?.content,
            case .scalar(let b, let bText, let bQuoted)? = doc["b"]?.content,
            case .scalar(_, _, let cQuoted)? = doc["c"]?.content
        else {
            Issue.record("expected three scalars")
            return
        }
        #expect(a == .number(.int(31)) && aText == "0x1F" && !aQuoted)
        #expect(b == .string("x\ty") && bText == "x\ty" && bQuoted)
        #expect(cQuoted)
    }

    // MARK: Tree, marks and accessors

    @Test func nestedNodesKeepLineAndColumn() throws {
        let text = """
            mapper: forms
            fields:
              name:
                - path: $.a
                - regex: "x"
              list: [1, {k: v}]

            """
        let root = try YAMLLoader.load(text, file: "m.yaml")
        #expect(root.mark.description == "m.yaml:1:1")
        guard case .mapping(let members) = root.content else {
            Issue.record("root is \(root.kindName)")
            return
        }
        #expect(members.map(\.key) == ["mapper", "fields"])
        #expect(members[0].keyMark == SourceMark(file: "m.yaml", line: 1, column: 1))
        #expect(members[0].value.mark == SourceMark(file: "m.yaml", line: 1, column: 9))
        #expect(members[1].keyMark == SourceMark(file: "m.yaml", line: 2, column: 1))
        let fields = try #require(root["fields"])
        #expect(fields.mark.description == "m.yaml:3:3")
        let name = try #require(fields["name"])
        #expect(name.mark.description == "m.yaml:4:5")
        guard case .sequence(let steps) = name.content, steps.count == 2 else {
            Issue.record("name is \(name.kindName)")
            return
        }
        #expect(steps[0].mark.description == "m.yaml:4:7")
        #expect(steps[0]["path"]?.mark.description == "m.yaml:4:13")
        #expect(steps[1]["regex"]?.mark.description == "m.yaml:5:14")
        guard case .mapping(let step1) = steps[1].content else { return }
        #expect(step1[0].keyMark.description == "m.yaml:5:7")
        let list = try #require(fields["list"])
        #expect(list.mark.description == "m.yaml:6:9")
        guard case .sequence(let items) = list.content, items.count == 2 else { return }
        #expect(items[0].mark.description == "m.yaml:6:10")
        #expect(items[1].mark.description == "m.yaml:6:13")
        #expect(items[1]["k"]?.mark.description == "m.yaml:6:17")
    }

    @Test func jsonKeepsDocumentOrder() throws {
        let root = try YAMLLoader.load("z: 1\na: [true, ~, x]\nm: {q: 2.5}\n", file: "t.yaml")
        let expected: JSON = .object(
            JSONObject([
                ("z", 1), ("a", [true, nil, "x"]), ("m", .object(JSONObject([("q", 2.5)]))),
            ]))
        #expect(root.json == expected)
        #expect(root.json.objectValue?.keys == ["z", "a", "m"])
    }

    @Test func kindNamesAndSubscript() throws {
        let root = try YAMLLoader.load("s: x\nn: 1\nb: true\nz: ~\nl: []\nm: {}\n", file: "t.yaml")
        #expect(root.kindName == "a map")
        #expect(root["s"]?.kindName == "a string")
        #expect(root["n"]?.kindName == "a number")
        #expect(root["b"]?.kindName == "a boolean")
        #expect(root["z"]?.kindName == "null")
        #expect(root["l"]?.kindName == "a list")
        #expect(root["m"]?.kindName == "a map")
        #expect(root["missing"] == nil)
        #expect(root["s"]?["s"] == nil)  // a scalar has no members
    }

    @Test func nonStringKeysBecomeTheirText() throws {
        let root = try YAMLLoader.load("1: a\ntrue: b\n~: c\n0x10: d\n1.5: e\n1e3: f\nFALSE: g\n", file: "t.yaml")
        guard case .mapping(let members) = root.content else {
            Issue.record("root is \(root.kindName)")
            return
        }
        #expect(members.map(\.key) == ["1", "true", "null", "16", "1.5", "1000.0", "false"])
        #expect(root["null"]?.json == .string("c"))
        // An empty key is null, so it clashes with `~`.
        #expect(loadError("~: a\n? \n: b\n")?.description == "t.yaml:2:2: duplicate key 'null' (first at line 1)")
    }

    // MARK: Errors Intake adds

    @Test func duplicateKeyIsAnErrorAtTheSecondKey() throws {
        let error = try #require(loadError("a: 1\nb:\n  x: 1\n  y: 2\n  x: 3\n"))
        #expect(error.description == "t.yaml:5:3: duplicate key 'x' (first at line 3)")
        // Keys compare by their text: `1` and `"1"` are the same key.
        let again = try #require(loadError("1: a\n\"1\": b\n"))
        #expect(again.description == "t.yaml:2:1: duplicate key '1' (first at line 1)")
        // The same key in different maps is fine.
        #expect(loadError("a: {x: 1}\nb: {x: 2}\n") == nil)
    }

    @Test func aliasBombFailsAtTheFirstAlias() throws {
        let lol = "[" + Array(repeating: "\"lol\"", count: 9).joined(separator: ",") + "]"
        var lines = ["lol1: &lol1 \(lol)"]
        for level in 2...9 {
            let refs = Array(repeating: "*lol\(level - 1)", count: 9).joined(separator: ",")
            lines.append("lol\(level): &lol\(level) [\(refs)]")
        }
        let path = try temporaryFile(Array((lines.joined(separator: "\n") + "\n").utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: SourceError.self) { try YAMLLoader.load(contentsOf: path) }
        do {
            _ = try YAMLLoader.load(contentsOf: path)
        } catch {
            #expect(error.description == "\(path):2:14: aliases are not supported: write the value out")
        }
    }

    @Test func anchorsAloneAreAllowed() throws {
        #expect(try YAMLLoader.load("a: &x 1\n", file: "t.yaml")["a"]?.json == .number(.int(1)))
    }

    @Test func mergeKeysComplexKeysAndTagsAreRefused() throws {
        #expect(loadError("base: 1\n<<: {a: 1}\n")?.description == "t.yaml:2:1: merge keys are not supported: write the members out")
        #expect(loadError("? [a, b]\n: 1\n")?.description == "t.yaml:1:3: a map key must be a single value, not a list or a map")
        #expect(loadError("{a: 1}: x\n")?.mark.description == "t.yaml:1:1")
        #expect(loadError("a: !!int 3\n")?.description == "t.yaml:1:4: unsupported tag '!!int': only !!str is supported")
        #expect(loadError("a: !custom x\n")?.description == "t.yaml:1:4: unsupported tag '!custom': only !!str is supported")
        #expect(loadError("a: !!map [1]\n")?.mark.description == "t.yaml:1:4")
        #expect(loadError("a: !!seq [1]\nb: !!map {c: 1}\n") == nil)
        // A quoted "<<" is an ordinary key.
        #expect(try YAMLLoader.load("'<<': 1\n", file: "t.yaml")["<<"]?.json == .number(.int(1)))
    }

    @Test func nestingDeeperThanTheCapIsAnError() throws {
        let ok = String(repeating: "[", count: YAMLLoader.maximumDepth) + String(repeating: "]", count: YAMLLoader.maximumDepth)
        #expect(loadError(ok) == nil)
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let error = try #require(loadError(deep))
        #expect(error.description == "t.yaml:1:257: lists and maps are nested deeper than 256 levels")
    }

    @Test func emptyFileIsNullAtTheStart() throws {
        for text in ["", "\n\n", "# only a comment\n", "   "] {
            let node = try YAMLLoader.load(text, file: "e.yaml")
            #expect(node.json == .null)
            #expect(node.mark.description == "e.yaml:1:1")
        }
    }

    @Test func moreThanOneDocumentIsAnError() throws {
        let error = try #require(loadError("a: 1\n---\nb: 2\n"))
        #expect(error.mark.description == "t.yaml:2:1")
        #expect(error.message.contains("second YAML document"))
        #expect(loadError("---\na: 1\n...\n") == nil)  // explicit markers around one document are fine
    }

    // MARK: libyaml's syntax errors

    @Test func badIndentationReportsLineAndColumn() throws {
        let error = try #require(loadError("a:\n  b: 1\n c: 2\n"))
        #expect(error.mark.description == "t.yaml:3:2")
        #expect(error.message.hasPrefix("did not find expected key while parsing a block mapping that starts at line 1, column 1"))
        let other = try #require(loadError("a: 1\n b: 2\n"))
        #expect(other.mark.description == "t.yaml:2:3")
        #expect(other.message.hasPrefix("mapping values are not allowed in this context"))
    }

    @Test func unclosedQuoteNamesWhereItStarts() throws {
        let error = try #require(loadError("a: 'unclosed\nb: 2\n"))
        #expect(error.mark.description == "t.yaml:3:1")
        #expect(error.message == "found unexpected end of stream while scanning a quoted scalar that starts at line 1, column 4: close the quote")
    }

    @Test func tabsInIndentationAreErrors() throws {
        let error = try #require(loadError("a:\n\tb: 1\n"))
        #expect(error.mark.description == "t.yaml:2:1")
        #expect(error.message.hasSuffix("YAML indentation must use spaces, not tabs"))
        // A tab as separation inside a line is allowed.
        #expect(try YAMLLoader.load("a:\t1\t# note\n", file: "t.yaml")["a"]?.json == .number(.int(1)))
    }

    @Test func controlCharactersAndBadUTF8() throws {
        #expect(loadError("a: 1\nb: x\u{1}y\n")?.description == "t.yaml:2:5: control characters are not allowed (0x1)")
        // Lines end at CR, CR LF and NEL too, as libyaml counts them for its other errors
        // (fuzzing found the byte's line counted at LF only).
        #expect(loadError("a: 1\rb: 2\r\nc: 3\u{85}d: x\u{1}y\n")?.description == "t.yaml:4:5: control characters are not allowed (0x1)")
        #expect(loadError("a: 1\rb: [\r\u{1}]")?.mark == loadError("a: 1\nb: [\n\u{1}]")?.mark)
        let path = try temporaryFile(Array("a: é\nb: ".utf8) + [0xFF] + Array("\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try YAMLLoader.load(contentsOf: path)
            Issue.record("invalid UTF-8 loaded")
        } catch {
            #expect(error.mark.line == 2 && error.mark.column == 4)
            #expect(error.message.contains("UTF-8"))
        }
    }

    @Test func unicodeColumnsCountCharacters() throws {
        let root = try YAMLLoader.load("名前: 値\nlist: [ü, 日本, \"😀\"]\n", file: "u.yaml")
        #expect(root["名前"]?.json == .string("値"))
        #expect(root["名前"]?.mark.description == "u.yaml:1:5")
        guard case .sequence(let items)? = root["list"]?.content, items.count == 3 else {
            Issue.record("list did not load")
            return
        }
        #expect(items.map(\.json) == ["ü", "日本", "😀"])
        #expect(items[1].mark.description == "u.yaml:2:11")
        #expect(items[2].mark.description == "u.yaml:2:15")
        #expect(loadError("ü: a: b\n")?.mark.description == "t.yaml:1:5")
    }

    // MARK: Files

    @Test func loadsAFileWithItsPathInMarks() throws {
        let path = try temporaryFile(Array("mapper: x\nfields:\n  a: 1\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let root = try YAMLLoader.load(contentsOf: path)
        #expect(root["fields"]?["a"]?.mark == SourceMark(file: path, line: 3, column: 6))
    }

    @Test func unreadableFileIsAnErrorAtItsStart() throws {
        let missing = "/nonexistent-\(UUID().uuidString)/m.yaml"
        do {
            _ = try YAMLLoader.load(contentsOf: missing)
            Issue.record("a missing file loaded")
        } catch {
            #expect(error.description == "\(missing):1:1: cannot read file: No such file or directory")
        }
        let directory = FileManager.default.temporaryDirectory.path
        do {
            _ = try YAMLLoader.load(contentsOf: directory)
            Issue.record("a directory loaded")
        } catch {
            #expect(error.mark == SourceMark(file: directory, line: 1, column: 1))
            #expect(error.message.hasPrefix("cannot read file: "))
        }
    }

    @Test func errorDescriptionIsFileLineColumnMessage() {
        let error = SourceError(.syntax, "bad", at: SourceMark(file: "m.yaml", line: 14, column: 9))
        #expect(error.description == "m.yaml:14:9: bad")
    }
}
