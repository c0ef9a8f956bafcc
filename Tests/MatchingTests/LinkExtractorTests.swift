import Testing
import Matching

@Suite("Link extraction")
struct LinkExtractorTests {
    struct Found: Equatable, CustomStringConvertible {
        var text: String, host: String
        var description: String { "\(text) (host \(host))" }
    }

    func links(_ text: String) -> [Found] {
        let bytes = Array(text.utf8)
        return LinkExtractor().links(in: text).map {
            Found(text: String(decoding: bytes[$0.range], as: UTF8.self), host: $0.host)
        }
    }

    @Test("links with and without a scheme", arguments: [
        ("Go to https://x.com/a now", Found(text: "https://x.com/a", host: "x.com")),
        ("Go to www.x.com now", Found(text: "www.x.com", host: "www.x.com")),
        ("Go to x.com/path now", Found(text: "x.com/path", host: "x.com")),
        ("Go to x.com now", Found(text: "x.com", host: "x.com")),
        ("Go to http://localhost/a now", Found(text: "http://localhost/a", host: "localhost")),
        ("Go to x.com?a=1#top now", Found(text: "x.com?a=1#top", host: "x.com")),
    ])
    func found(text: String, link: Found) {
        #expect(links(text) == [link])
    }

    @Test("a scheme is reported and kept in the range")
    func schemeFlag() throws {
        let found = LinkExtractor().links(in: "see HTTPS://x.com/a and x.com/b")
        try #require(found.count == 2)
        #expect(found[0].hasScheme && !found[1].hasScheme)
        #expect(found[0].range == 4..<19)
        #expect(found[0].hostRange == 12..<17)
    }

    @Test("file names, abbreviations, decimals, times and names are not links",
          arguments: ["file.txt", "e.g.", "3.5", "9.30", "Dr.Smith", "form.pdf", "i.e. later", "v1.2.3", "a..b"])
    func notLinks(text: String) {
        #expect(links("Please see \(text) today") == [])
    }

    @Test("IP hosts and ports", arguments: [
        ("http://192.168.1.1:8080/x", Found(text: "http://192.168.1.1:8080/x", host: "192.168.1.1")),
        ("10.0.0.1/path", Found(text: "10.0.0.1/path", host: "10.0.0.1")),
        ("https://example.com:8443/a", Found(text: "https://example.com:8443/a", host: "example.com")),
        ("example.com:8443/a", Found(text: "example.com:8443/a", host: "example.com")),
        ("http://[::1]:8080/x", Found(text: "http://[::1]:8080/x", host: "[::1]")),
    ])
    func ipAndPorts(text: String, link: Found) {
        #expect(links("Open \(text) please") == [link])
    }

    @Test("an out-of-range IPv4 address is not a link")
    func badIP() {
        #expect(links("Open 300.1.1.1/x please") == [])
    }

    @Test("IDN and punycode hosts compare in Unicode form")
    func internationalHosts() {
        #expect(links("Siehe bücher.de/a") == [Found(text: "bücher.de/a", host: "bücher.de")])
        #expect(links("Siehe xn--bcher-kva.de") == [Found(text: "xn--bcher-kva.de", host: "bücher.de")])
        #expect(links("Siehe https://XN--BCHER-KVA.DE/x") == [Found(text: "https://XN--BCHER-KVA.DE/x", host: "bücher.de")])
    }

    @Test("trailing punctuation and unbalanced closing brackets are not part of a link", arguments: [
        ("(see bit.ly/x).", "bit.ly/x"),
        ("bit.ly/x,", "bit.ly/x"),
        ("[bit.ly/a_(b)]", "bit.ly/a_(b)"),
        ("Visit x.com.", "x.com"),
        ("Is it bit.ly/x?!", "bit.ly/x"),
        ("<https://x.com/a>", "https://x.com/a"),
        ("\"bit.ly/x\"", "bit.ly/x"),
        ("go to bit.ly/x…", "bit.ly/x"),
        ("“see bit.ly/x”", "bit.ly/x"),
    ])
    func trailing(text: String, link: String) {
        #expect(links(text).map(\.text) == [link])
    }

    @Test("an opening quote or guillemet written before a link is not part of its host", arguments: ["«bit.ly/x»", "“bit.ly/x”", "„bit.ly/x“"])
    func openingQuote(text: String) {
        #expect(links("Lien : \(text)") == [Found(text: "bit.ly/x", host: "bit.ly")])
    }

    @Test("an email address is not a link", arguments: ["billing@bit.ly", "Email billing@bit.ly today", "care@goo.gl."])
    func email(text: String) {
        #expect(links(text) == [])
    }

    @Test("user information after a scheme is not the host")
    func userInfo() {
        #expect(links("https://user@bit.ly/x") == [Found(text: "https://user@bit.ly/x", host: "bit.ly")])
    }

    @Test("hosts are lowercase whatever the case written")
    func caseInsensitiveHost() {
        #expect(links("BIT.LY/X") == [Found(text: "BIT.LY/X", host: "bit.ly")])
        #expect(links("Www.Example.COM.") == [Found(text: "Www.Example.COM", host: "www.example.com")])
    }

    @Test("read as if lowercased, text finds the links its lowercased copy has", arguments: [
        "Moby Pub Quiz.Win a prize", "See you tomorrow.Call us", "Visit BIT.LY/x today.Com", "Go to Www.Example.COM.",
    ])
    func asIfLowercased(text: String) {
        let extractor = LinkExtractor()
        let lowered = Array(text.utf8).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let expected = lowered.withUnsafeBufferPointer { extractor.links(in: $0) }
        let found = Array(text.utf8).withUnsafeBufferPointer { extractor.links(in: $0, asIfLowercased: true) }
        #expect(found == expected)
    }

    @Test("two sentences run together are not a link unless the text is read as if lowercased")
    func sentenceJoin() {
        let text = Array("Moby Pub Quiz.Win a prize".utf8)
        #expect(text.withUnsafeBufferPointer { LinkExtractor().links(in: $0) }.isEmpty)
        #expect(text.withUnsafeBufferPointer { LinkExtractor().links(in: $0, asIfLowercased: true) }.map(\.host) == ["quiz.win"])
    }

    @Test("a capitalised label followed by a path or port is a link, not two sentences", arguments: [
        ("Details at Bit.Ly/3xYz9 today", "bit.ly"), ("go to t.Co/AbCd", "t.co"), ("see Tinyurl.Com/xyz9.", "tinyurl.com"),
        ("visit example.Com:8080 now", "example.com"),
    ])
    func capitalisedWithPath(text: String, host: String) {
        #expect(links(text).map(\.host) == [host])
    }

    @Test("several links are returned in order")
    func several() {
        #expect(links("a.com, then https://b.org/x and c.net/y.").map(\.host) == ["a.com", "b.org", "c.net"])
    }

    @Test("no links in text without dots or colons")
    func none() {
        #expect(links("").isEmpty)
        #expect(links("Call (201) 555-0100 to reschedule").isEmpty)
    }
}
