import Testing
import Matching

@Suite("Links as a browser reads them, bounded as twitter-text bounds them")
struct LinkBoundaryTests {
    /// The links of `text` as written (in Unicode scalars of the original) with their hosts,
    /// through `MessageInspection`, which normalises text that needs it.
    func links(_ text: String) -> [String] {
        MessageInspection(text).links.map { "\($0.text) \($0.host)" }
    }

    @Test("conformance cases: what is a link, where it ends, which host it opens", arguments: [
        // Possessives and trailing punctuation are the sentence's.
        ("See bit.ly's page", ["bit.ly bit.ly"]),
        ("See https://x.com/a's page", ["https://x.com/a x.com"]),
        ("Open bit.ly/abc- now", ["bit.ly/abc bit.ly"]),
        ("Open bit.ly- now", ["bit.ly bit.ly"]),
        ("Open bit.ly/abc_ now", ["bit.ly/abc bit.ly"]),
        // Links end at CJK text on either side.
        ("请访问bit.ly/x谢谢", ["bit.ly/x bit.ly"]),
        ("詳しくはexample.comまで", ["example.com example.com"]),
        ("링크example.com입니다", ["example.com example.com"]),
        // Underscores in subdomains, not in the registered name.
        ("Go to a_b.example.com now", ["a_b.example.com a_b.example.com"]),
        ("Go to https://a_b.example.com/x now", ["https://a_b.example.com/x a_b.example.com"]),
        ("Go to a_b.com now", []),
        // A last label that is not a top-level domain is no link without a scheme.
        ("Open report.draft now", []),
        ("Open notes.local/x now", []),
        ("Open https://intranet.corp/x now", ["https://intranet.corp/x intranet.corp"]),
        // User information counts only with a scheme or a path.
        ("https://riversidefamilymed.com@bit.ly/x", ["https://riversidefamilymed.com@bit.ly/x bit.ly"]),
        ("riversidefamilymed.com@bit.ly/x", ["riversidefamilymed.com@bit.ly/x bit.ly"]),
        ("Write to care@riversidefamilymed.com today", []),
        // Percent-encoded host bytes, dot variants, a trailing dot, a port, any case.
        ("Open https://b%69t.ly/x now", ["https://b%69t.ly/x bit.ly"]),
        ("Open https://bit%2Ely/x now", ["https://bit%2Ely/x bit.ly"]),
        ("Open bit\u{3002}ly/x now", ["bit\u{3002}ly/x bit.ly"]),
        ("Open bit\u{FF0E}ly now", ["bit\u{FF0E}ly bit.ly"]),
        ("Open https://bit.ly./x now", ["https://bit.ly./x bit.ly"]),
        ("Open bit.ly:8080/x now", ["bit.ly:8080/x bit.ly"]),
        ("Open HTTPS://BIT.LY/X now", ["HTTPS://BIT.LY/X bit.ly"]),
        // IP literals need a scheme or a path.
        ("Open http://10.1.2.3 now", ["http://10.1.2.3 10.1.2.3"]),
        ("Open 10.1.2.3/admin now", ["10.1.2.3/admin 10.1.2.3"]),
        ("Version 10.1.2.3 is out", []),
        // In HTML a link ends at its attribute's quote and never runs past a closing quote or `>`.
        ("<a href=\"https://x.com/a\">\"A day", ["https://x.com/a x.com"]),
        ("<a href='https://x.com/a'>A day</a>", ["https://x.com/a x.com"]),
        ("<https://x.com/a>", ["https://x.com/a x.com"]),
    ])
    func conformance(text: String, expected: [String]) {
        #expect(links(text) == expected, "\(text)")
    }

    @Test("links are located in Unicode scalars of the original text")
    func offsets() throws {
        let found = MessageInspection("😀 请访问bit\u{3002}ly/x谢谢").links
        try #require(found.count == 1)
        #expect((found[0].start, found[0].end) == (5, 13))
    }

    @Test("the host a browser opens, however the link is glued to text or its scheme is written", arguments: [
        // A backslash is a slash to a browser in a web link: the host ends there.
        ("Go to https://bit.ly\\@riversidefamilymed.com/x", ["https://bit.ly\\@riversidefamilymed.com/x bit.ly"]),
        ("Go to https://riversidefamilymed.com\\@bit.ly/x", ["https://riversidefamilymed.com\\@bit.ly/x riversidefamilymed.com"]),
        // Punctuation stuck before a link is not part of it.
        ("Results:bit.ly/x", ["bit.ly/x bit.ly"]),
        ("Hi,bit.ly/x", ["bit.ly/x bit.ly"]),
        ("Info;tinyurl.com/abc", ["tinyurl.com/abc tinyurl.com"]),
        ("Results:riversidefamilymed.com.evil.net/x", ["riversidefamilymed.com.evil.net/x riversidefamilymed.com.evil.net"]),
        // A dotted word that is no link does not hide one later in the same run of text.
        ("Dr.Ana:bit.ly/x", ["bit.ly/x bit.ly"]),
        // A web scheme written without its slashes, or with backslashes.
        ("Go to https:bit.ly/x", ["https:bit.ly/x bit.ly"]),
        ("Go to https:/bit.ly/x", ["https:/bit.ly/x bit.ly"]),
        ("Go to http:\\\\bit.ly\\x", ["http:\\\\bit.ly\\x bit.ly"]),
        // IPv4 addresses as the URL Standard reads them, after a scheme.
        ("Go to http://3232235777/x", ["http://3232235777/x 192.168.1.1"]),
        ("Go to http://0xC0A80101/x", ["http://0xC0A80101/x 192.168.1.1"]),
        ("Go to http://127.1/x", ["http://127.1/x 127.0.0.1"]),
        ("Go to http://0300.0250.1.1/x", ["http://0300.0250.1.1/x 192.168.1.1"]),
        ("Go to http://0x7f.1/x", ["http://0x7f.1/x 127.0.0.1"]),
        // An empty port is the default one.
        ("Open https://bit.ly:/x now", ["https://bit.ly:/x bit.ly"]),
        // Still none: prices, times, e-mail addresses.
        ("Only 1.50/msg, reply by 2.30pm", []),
        ("Write to ana.diaz@riversidefamilymed.com, thanks", []),
        ("Call me:ana@clinic.com", []),
    ])
    func browserHosts(text: String, expected: [String]) {
        #expect(links(text) == expected, "\(text)")
    }
}
