import HTTPTypes
import Testing
import Transforms

@testable import Host

/// The body forms of SPEC §4 below the HTTP layer: content types, form and multipart bodies,
/// header redaction.
@Suite struct ListenerBodyTests {
    @Test func contentTypes() {
        #expect(BodyKind(contentType: nil) == .json)
        #expect(BodyKind(contentType: "application/json; charset=utf-8") == .json)
        #expect(BodyKind(contentType: "Application/JSON") == .json)
        #expect(BodyKind(contentType: "application/vnd.github+json") == .json)
        #expect(BodyKind(contentType: "application/x-www-form-urlencoded") == .form)
        #expect(BodyKind(contentType: "multipart/form-data; boundary=\"ab cd\"") == .multipart(boundary: "ab cd"))
        #expect(BodyKind(contentType: "multipart/form-data") == .multipart(boundary: nil))
        #expect(BodyKind(contentType: "text/plain") == nil)
        #expect(BodyKind(contentType: "application/xml") == nil)
        #expect(BodyKind(contentType: "+json") == nil)
    }

    func form(_ bytes: [UInt8]) throws(FormDecodingError) -> JSON {
        .object(try FormURLEncoded.decodeStrictly(bytes))
    }

    @Test func formFieldsRepeatedKeysAndEscapes() throws {
        let value = try form(Array("a=1&b=x+y%21&a=2&empty=&flag&a=3&%C3%A9=%E2%82%AC".utf8))
        #expect(value == ["a": ["1", "2", "3"], "b": "x y!", "empty": "", "flag": "", "é": "€"])
        #expect(try form([]) == [:])
        #expect(try form(Array("&&a=1&".utf8)) == ["a": "1"])
    }

    @Test func badFormBodiesNameTheOffset() {
        #expect(throws: FormDecodingError("'%' must be followed by two hex digits", at: 6)) {
            try form(Array("a=1&b=%4".utf8))
        }
        #expect(throws: FormDecodingError("'%' must be followed by two hex digits", at: 2)) {
            try form(Array("a=%zz".utf8))
        }
        #expect(throws: FormDecodingError("a field is not UTF-8", at: 2)) {
            try form(Array("a=%FF".utf8))
        }
    }

    static let multipart = [
        "preamble",
        "--XyZ",
        "Content-Disposition: form-data; name=\"title\"",
        "",
        "Lost laptop",
        "--XyZ",
        "Content-Disposition: form-data; name=\"tag\"",
        "",
        "a",
        "--XyZ",
        "Content-Disposition: form-data; name=\"tag\"",
        "",
        "b",
        "--XyZ",
        "Content-Disposition: form-data; name=\"photo\"; filename=\"pic.png\"",
        "Content-Type: image/png",
        "",
        "\u{1}\u{2}\u{3}\u{4}",
        "--XyZ--",
        "",
    ].joined(separator: "\r\n")

    @Test func multipartFieldsAndFileParts() throws {
        let value = try MultipartFormData.parse(Array(Self.multipart.utf8), boundary: "XyZ")
        #expect(
            value == [
                "title": "Lost laptop", "tag": ["a", "b"],
                "photo": ["filename": "pic.png", "content_type": "image/png", "size": 4],
            ])
    }

    @Test func badMultipartBodies() {
        #expect(throws: FormDecodingError.self) { try MultipartFormData.parse(Array("no boundary here".utf8), boundary: "XyZ") }
        let unterminated = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue"
        #expect(throws: FormDecodingError("a part has no closing boundary", at: 7)) {
            try MultipartFormData.parse(Array(unterminated.utf8), boundary: "XyZ")
        }
        let nameless = "--XyZ\r\nContent-Type: text/plain\r\n\r\nvalue\r\n--XyZ--"
        #expect(throws: FormDecodingError.self) { try MultipartFormData.parse(Array(nameless.utf8), boundary: "XyZ") }
    }

    @Test func payloadsOfJSONBodies() throws {
        let limits = LimitsConfiguration()
        let single = try ReceivedPayload.payloads(of: Array(#" {"a": 1} "#.utf8), kind: .json, limits: limits)
        #expect(single.count == 1 && single[0].value == ["a": 1] && single[0].text == #" {"a": 1} "#)
        let array = try ReceivedPayload.payloads(of: Array(#"[{"a": 1}, "x", []]"#.utf8), kind: .json, limits: limits)
        #expect(array.map(\.text) == [#"{"a":1}"#, #""x""#, "[]"])
        #expect(try ReceivedPayload.payloads(of: Array("[]".utf8), kind: .json, limits: limits).isEmpty)
        let form = try ReceivedPayload.payloads(of: Array("a=1".utf8), kind: .form, limits: limits)
        #expect(form.map(\.text) == [#"{"a":"1"}"#])
    }

    @Test func badJSONBodiesAre400WithTheirOffset() {
        var limits = LimitsConfiguration()
        limits.maxJSONDepth = 3
        limits.maxPayloadsPerRequest = 2
        func message(_ body: String, kind: BodyKind = .json) -> String? {
            do {
                _ = try ReceivedPayload.payloads(of: Array(body.utf8), kind: kind, limits: limits)
                return nil
            } catch {
                #expect(error.status == .badRequest)
                return error.message
            }
        }
        #expect(message(#"{"a": }"#)?.hasPrefix("Invalid JSON at byte 6") == true)
        #expect(message("")?.hasPrefix("Invalid JSON at byte 0") == true)
        #expect(message("[[[[1]]]]")?.hasPrefix("Invalid JSON at byte 3") == true)
        #expect(message("[1, 2, 3]") == "The body holds 3 payloads; the limit is 2 (limits.max_payloads_per_request).")
        #expect(message("x", kind: .multipart(boundary: nil))?.contains("needs a boundary") == true)
        #expect(message("a=%", kind: .form) == "Invalid form body at byte 2: '%' must be followed by two hex digits.")
    }

    @Test func keptHeadersDropCredentials() {
        let received = ReceivedHeaders([
            (name: "Content-Type", value: "application/json"), (name: "Authorization", value: "Bearer x"),
            (name: "Cookie", value: "c=1"), (name: "Proxy-Authorization", value: "p"), (name: "X-Hub-Signature-256", value: "sha256=..."),
            (name: "X-Forwarded-For", value: "1.1.1.1"), (name: "x-forwarded-for", value: "2.2.2.2"), (name: "X-Headers", value: "kept"),
        ])
        let kept = KeptHeaders(received, removing: ["x-hub-signature-256"])
        #expect(kept.json == ["content-type": "application/json", "x-forwarded-for": "1.1.1.1, 2.2.2.2", "x-headers": "kept"])
        #expect(kept.mappingHeaders.map(\.name) == ["content-type", "x-forwarded-for", "x-headers"])
    }
}
