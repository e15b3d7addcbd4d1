import Testing

@testable import Transforms

@Suite("extract step")
struct ExtractStepTests {
    func extract(_ kind: String, _ input: JSON) throws -> JSON? {
        try StepHarness.run("[ { extract: \(kind) } ]", input: input)
    }

    @Test func urlsLoseTrailingPunctuationAndNeedAHost() throws {
        let text: JSON = "via https://evil-corp.co.uk/a?b=1). Also (http://198.51.100.23/sso), HTTPS://X.io/p]; ftp://f.example/x!?"
        #expect(
            try extract("url", text) == [
                "https://evil-corp.co.uk/a?b=1", "http://198.51.100.23/sso", "HTTPS://X.io/p", "ftp://f.example/x",
            ])
        #expect(try extract("url", "http:// https://. http:///path") == [])
        #expect(try extract("url", #"<a href="https://q.example/x'y">"#) == ["https://q.example/x"])
        #expect(try extract("url", "gopher://a.b mailto:x@y.zz") == [])
        #expect(try extract("url", "https://user@host.example:8443/p") == ["https://user@host.example:8443/p"])
    }

    @Test func emailsKeepCase() throws {
        #expect(
            try extract("email", "Mail from Bad.Guy@Evil-Corp.co.uk, a+b_c%d@x-y.example.") == [
                "Bad.Guy@Evil-Corp.co.uk", "a+b_c%d@x-y.example",
            ])
        #expect(try extract("email", "root@localhost a@b.c a@b.c0m a@@b.io") == [])
    }

    @Test func ipv4Rules() throws {
        #expect(
            try extract("ip", "10.0.0.1, 1.2.3.4.5 and 010.1.1.1 or 256.1.1.1 at 0.0.0.0 (255.255.255.255).") == [
                "10.0.0.1", "0.0.0.0", "255.255.255.255",
            ])
        #expect(try extract("ip", "v1.2.3.4 1.2.3.4x 11.2.3.4.") == ["1.2.3.4", "11.2.3.4"])
        #expect(try extract("ip", "1.2.3 1.2.3.04") == [])
    }

    @Test func ipv6IsValidatedAndKeptAsWritten() throws {
        let text: JSON = "2001:db8::1. fe80::1%eth0 ::1 ::ffff:192.0.2.1 2001:DB8:0:0:8:800:200C:417A 12:30:45 1::2::3 gggg::1 00:11:22:33:44:55"
        #expect(try extract("ip", text) == ["2001:db8::1", "fe80::1", "::1", "::ffff:192.0.2.1", "2001:DB8:0:0:8:800:200C:417A"])
        #expect(try extract("ip", "1:2:3:4:5:6:7::8 1:2:3:4:5:6:7:8:9 12345::1") == [])
    }

    @Test func ipsComeInTextOrder() throws {
        #expect(try extract("ip", "b ::2 then 10.1.1.1 then 2001:db8::3") == ["::2", "10.1.1.1", "2001:db8::3"])
    }

    @Test func domainsIncludeHostsAndEmailDomainsButNotLocalParts() throws {
        let text: JSON = "Mail from Bad.Guy@Evil-Corp.co.uk via https://evil-corp.co.uk/a?b=1 File report.pdf 1.2.3.4"
        #expect(try extract("domain", text) == ["Evil-Corp.co.uk", "evil-corp.co.uk", "report.pdf"])
        #expect(try extract("domain", "first.last+tag@mail.example.org") == ["mail.example.org"])
        #expect(try extract("domain", "https://cdn.example.com/files/setup.exe.zip?x=a.io") == ["cdn.example.com"])
        #expect(try extract("domain", "https://u.ser@h.example:80/") == ["h.example"])
        #expect(try extract("domain", "example.c0m single a.b.c.d1 x.y") == [])
    }

    @Test func hashesBetweenWordBoundaries() throws {
        let md5 = "44d88612fea8a8f36de82e1278abb02f"
        let sha1 = "3395856ce81f2b7382dee72602f798b642f14140"
        let sha256 = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"
        let text = JSON.string("md5 \(md5) sha1 \(sha1) sha256 \(sha256) \(md5)")
        #expect(try extract("md5", text) == [.string(md5)])
        #expect(try extract("sha1", text) == [.string(sha1)])
        #expect(try extract("sha256", text) == [.string(sha256)])
        #expect(try extract("md5", .string("x\(md5) \(md5)0 _\(md5) é\(md5)")) == [])
        #expect(try extract("md5", .string(md5.uppercased())) == [.string(md5.uppercased())])
    }

    @Test func cvesAreUpperCased() throws {
        #expect(
            try extract("cve", "CVE-2021-44228 cve-2014-0160 Cve-2021-44228 CVE-2020-123 xCVE-2020-1234 CVE-2020-12345678") == [
                "CVE-2021-44228", "CVE-2014-0160", "CVE-2020-12345678",
            ])
    }

    @Test func nestedInputIsScannedStringByString() throws {
        let input: JSON = [
            "a": ["ping 192.0.2.7", ["b": "192.0.2.7 and 192.0.2.8"]], "n": 7, "v": 10.0, "t": true, "x": .null,
        ]
        #expect(try extract("ip", input) == ["192.0.2.7", "192.0.2.8"])
        // Texts are scanned one by one: an indicator never spans two strings.
        #expect(try extract("ip", ["1.2", ".3.4"]) == [])
        #expect(try extract("cve", ["CVE-2020-1234", .null, ["cve-2020-1234"]]) == ["CVE-2020-1234"])
    }

    @Test func exactTextDuplicatesRemovedKeepingFirst() throws {
        #expect(try extract("domain", "B.io b.io B.io b.io") == ["B.io", "b.io"])
    }

    @Test func noValueAndNothingFound() throws {
        #expect(try extract("url", "") == nil)
        #expect(try extract("url", []) == nil)
        #expect(try extract("url", "nothing here") == [])
        #expect(try extract("url", 42) == [])
    }

    @Test func unknownKindIsAMapperError() throws {
        let error = try #require(try StepHarness.mapperError("[ { extract: urls } ]"))
        #expect(error.message.contains("unknown kind 'urls'"))
        #expect(error.message.contains("url, email, ip, domain, md5, sha1, sha256, cve"))
        #expect(try StepHarness.mapperError("[ extract ]") != nil)
        #expect(try StepHarness.mapperError("[ { extract: [url] } ]") != nil)
    }

    @Test func ipAddressTextRules() {
        #expect(IPAddress.parseV6("+f::1") == nil)
        #expect(IPAddress.parseV6("::") != nil)
        #expect(IPAddress.parseV6("1:2:3:4:5:6:7::") != nil)
        #expect(IPAddress.parseV6("1:2:3:4:5:6:1.2.3.4") != nil)
        #expect(IPAddress.parseV6("1:2:3:4:5:6:7:1.2.3.4") == nil)
        #expect(IPAddress.parseV6("1:2:3:4:5:6:7:8::") == nil)
        #expect(IPAddress.parseV6(":1:2:3:4:5:6:7") == nil)
        #expect(IPAddress.parseV6("::1.2.3.04") == nil)
        #expect(IPAddress.parseV6("1:::2") == nil)
        #expect(IPAddress.parseV4("192.168.0.255") != nil)
        #expect(IPAddress.parseV4("192.168.0") == nil)
    }
}
