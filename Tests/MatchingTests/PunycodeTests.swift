import Testing
@testable import Matching

@Suite("Punycode and host names")
struct PunycodeTests {
    static let samples: [(unicode: String, punycode: String)] = [
        ("bücher", "bcher-kva"),
        ("münchen", "mnchen-3ya"),
        ("пример", "e1afmkfd"),
        ("рф", "p1ai"),
        // RFC 3492 section 7.1 samples (B), (L), (R) and (S).
        ("他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"),
        ("3年B組金八先生", "3B-ww4c5e180e575a65lsy2b"),
        ("そのスピードで", "d9juau41awczczp"),
        ("-> $1.00 <-", "-> $1.00 <--"),
    ]

    @Test(arguments: samples)
    func encodes(unicode: String, punycode: String) {
        #expect(Punycode.encode(Substring(unicode)) == punycode)
    }

    @Test(arguments: samples)
    func decodes(unicode: String, punycode: String) {
        #expect(Punycode.decode(Substring(punycode)) == unicode)
    }

    @Test func decodingIsCaseInsensitiveForDigits() {
        // Basic code points keep their case; only the digits are case-insensitive.
        #expect(Punycode.decode("BCHER-KVA") == "BüCHER")
        #expect(Punycode.decode("E1AFMKFD") == "пример")
    }

    @Test func emptyAndAsciiOnly() {
        #expect(Punycode.encode("") == "")
        #expect(Punycode.decode("") == "")
        #expect(Punycode.encode("abc") == "abc-")
        #expect(Punycode.decode("abc-") == "abc")
    }

    @Test(arguments: ["bcher-kv!", "bcher-kv", "ü-kva", "99999999999", "a-b-c-d-é"])
    func invalidInputReturnsNil(input: String) {
        #expect(Punycode.decode(Substring(input)) == nil)
    }

    @Test func decodeRejectsNonScalarsAndOverflow() {
        #expect(Punycode.decode("ib9b") == nil)  // would be the lone surrogate U+D800
        #expect(Punycode.decode(Substring(String(repeating: "z", count: 40) + "a")) == nil)
    }

    @Test func canonicalForm() {
        #expect(HostName.canonical("XN--BCHER-KVA.Example.COM.") == "bücher.example.com")
        #expect(HostName.canonical("xn--e1afmkfd.xn--p1ai") == "пример.рф")
        #expect(HostName.canonical("ПРИМЕР.РФ") == "пример.рф")
        #expect(HostName.canonical("example.com") == "example.com")
        #expect(HostName.canonical("Bit.LY.") == "bit.ly")
        #expect(HostName.canonical("a..") == "a.", "one trailing dot only")
        #expect(HostName.canonical(".") == "")
        #expect(HostName.canonical("") == "")
        #expect(HostName.canonical("maxn--x.com") == "maxn--x.com", "xn-- only counts at a label's start")
        #expect(HostName.canonical("www.XN--BCHER-KVA.de") == "www.bücher.de")
        #expect(HostName.canonical("пример。рф") == "пример.рф")
        #expect(HostName.canonical("") == "")
    }

    @Test func canonicalKeepsUndecodableLabels() {
        #expect(HostName.canonical("xn--bcher-kv!.com") == "xn--bcher-kv!.com")
        #expect(HostName.canonical("xn--abc-.com") == "xn--abc-.com")
        #expect(HostName.canonical("xn--.com") == "xn--.com")
    }

    @Test func asciiForm() {
        #expect(HostName.ascii("bücher.example.com") == "xn--bcher-kva.example.com")
        #expect(HostName.ascii("Пример.РФ.") == "xn--e1afmkfd.xn--p1ai")
        #expect(HostName.ascii("example.com") == "example.com")
        #expect(HostName.ascii("xn--bcher-kva.de") == "xn--bcher-kva.de")
    }

    @Test func asciiRejectsInvalidHosts() {
        #expect(HostName.ascii("") == nil)
        #expect(HostName.ascii("a..b") == nil)
        #expect(HostName.ascii(Substring(String(repeating: "a", count: 64) + ".com")) == nil)
    }

    @Test func roundTrip() {
        for host in ["bücher.de", "пример.рф", "例え.テスト", "mañana.com"] {
            let ascii = HostName.ascii(Substring(host))
            #expect(ascii.map { HostName.canonical(Substring($0)) } == host)
        }
    }
}
