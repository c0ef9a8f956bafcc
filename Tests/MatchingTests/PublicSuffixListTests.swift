import Testing
@testable import Matching

@Suite("Public Suffix List")
struct PublicSuffixListTests {
    @Test("isTopLevel answers as publicSuffix(of:) does for one label, in any case")
    func topLevelMatchesLookup() {
        let labels = ["com", "COM", "uk", "Uk", "then", "ok", "museum", "travel", "photography", "pm", "ll",
                      "x", "ck", "jp", "zz", "international", "abcdefgh", "abcdefghi", "info", "biz", "lol"]
        for label in labels {
            let expected = psl.publicSuffix(of: Substring(label.lowercased())) != nil
            let bytes = Array(label.utf8)
            #expect(bytes.withUnsafeBufferPointer { psl.isTopLevel($0) } == expected, "\(label)")
        }
        #expect(Array("com".utf8).withUnsafeBufferPointer { psl.isTopLevel($0) })
        #expect(!Array("then".utf8).withUnsafeBufferPointer { psl.isTopLevel($0) })
    }

    let psl = PublicSuffixList.shared

    @Test func parsesEmbeddedList() {
        // Reports the cost of parsing the embedded data, which `shared` pays once.
        let elapsed = ContinuousClock().measure { _ = PublicSuffixList(rules: PublicSuffixList.embeddedRules) }
        print("PublicSuffixList embedded rules parsed in \(elapsed)")
        #expect(psl.publicSuffix(of: "example.com") == "com")
    }

    @Test func simpleDomains() {
        #expect(psl.publicSuffix(of: "example.com") == "com")
        #expect(psl.registrableDomain(of: "example.com") == "example.com")
        #expect(psl.registrableDomain(of: "www.example.com") == "example.com")
        #expect(psl.hasKnownSuffix("example.com"))
    }

    @Test func multiLabelSuffix() {
        #expect(psl.publicSuffix(of: "a.b.example.co.uk") == "co.uk")
        #expect(psl.registrableDomain(of: "a.b.example.co.uk") == "example.co.uk")
        #expect(psl.hasKnownSuffix("x.co.uk"))
        #expect(!psl.hasKnownSuffix("co.uk"))
        #expect(psl.registrableDomain(of: "co.uk") == nil)
    }

    @Test func bareSuffixHasNoRegistrableDomain() {
        #expect(psl.publicSuffix(of: "com") == "com")
        #expect(psl.registrableDomain(of: "com") == nil)
        #expect(!psl.hasKnownSuffix("com"))
    }

    @Test(arguments: ["file.txt", "file.jpgx", "photo.jpeg", "notes.docx", "localhost", "", "a.b.c.nosuchtld"])
    func unknownSuffixes(host: String) {
        #expect(psl.publicSuffix(of: Substring(host)) == nil)
        #expect(!psl.hasKnownSuffix(Substring(host)))
        #expect(psl.registrableDomain(of: Substring(host)) == nil)
    }

    @Test func realTldsThatLookLikeWords() {
        // "bar" and "zip" are delegated TLDs, so these are plausible hosts.
        #expect(psl.hasKnownSuffix("foo.bar"))
        #expect(psl.hasKnownSuffix("archive.zip"))
    }

    @Test func wildcardAndException() {
        // *.ck and !www.ck
        #expect(psl.publicSuffix(of: "foo.ck") == "foo.ck")
        #expect(psl.registrableDomain(of: "foo.ck") == nil)
        #expect(psl.registrableDomain(of: "a.foo.ck") == "a.foo.ck")
        #expect(psl.publicSuffix(of: "www.ck") == "ck")
        #expect(psl.registrableDomain(of: "www.ck") == "www.ck")
        #expect(psl.registrableDomain(of: "a.www.ck") == "www.ck")
        #expect(psl.publicSuffix(of: "ck") == nil)  // only the wildcard is listed, not "ck" itself
    }

    @Test func wildcardAndExceptionBelowSecondLevel() {
        // *.kawasaki.jp and !city.kawasaki.jp
        #expect(psl.registrableDomain(of: "x.y.kawasaki.jp") == "x.y.kawasaki.jp")
        #expect(psl.registrableDomain(of: "www.city.kawasaki.jp") == "city.kawasaki.jp")
        #expect(psl.publicSuffix(of: "kawasaki.jp") == "jp")
    }

    @Test func internationalizedTld() {
        #expect(psl.publicSuffix(of: "пример.рф") == "рф")
        #expect(psl.registrableDomain(of: "www.пример.рф") == "пример.рф")
        #expect(psl.hasKnownSuffix(Substring(HostName.canonical("xn--e1afmkfd.xn--p1ai"))))
    }

    @Test func privateDomainsAreIncluded() {
        #expect(psl.publicSuffix(of: "someone.github.io") == "github.io")
        #expect(psl.registrableDomain(of: "someone.github.io") == "someone.github.io")
    }

    @Test func emptyLabelsAreNotRegistrable() {
        #expect(!psl.hasKnownSuffix(".com"))
        #expect(!psl.hasKnownSuffix("example..com"))
        #expect(psl.registrableDomain(of: "a.example..com") == nil)
    }

    @Test func resultsAreSlicesOfTheInput() throws {
        let host: Substring = "mail.example.co.uk"
        let domain = try #require(psl.registrableDomain(of: host))
        #expect(domain.startIndex == host.index(host.startIndex, offsetBy: 5))
        #expect(domain.endIndex == host.endIndex)
    }

    @Test func customRules() {
        let list = PublicSuffixList(rules: """
            // comment
            test

            *.wild.test
            !keep.wild.test
            deep.example  trailing text is ignored
            """)
        #expect(list.publicSuffix(of: "a.test") == "test")
        #expect(list.publicSuffix(of: "a.b.wild.test") == "b.wild.test")
        #expect(list.registrableDomain(of: "x.keep.wild.test") == "keep.wild.test")
        #expect(list.publicSuffix(of: "x.deep.example") == "deep.example")
        #expect(list.publicSuffix(of: "x.example") == nil)
        #expect(list.publicSuffix(of: "com") == nil)
    }
}
