import Testing
import Rules

@Suite("Terms written with stand-ins or letters apart are read in views of the message")
struct DisguiseViewTests {
    /// The single finding of rule `id` in `text`, which must cover `written` where it stands.
    func expectFound(_ text: String, _ written: String, rule id: String) throws {
        let hits = try Package.defaultRules().findings(text, rule: id)
        #expect(hits.map(\.match) == [written], "\(text)")
        let start = try #require(text.unicodeScalars.firstRange(of: written.unicodeScalars)).lowerBound
        #expect(hits.first?.start == text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: start), "\(text)")
    }

    @Test("digits, symbols or separators for letters, in one word or every word of a term", arguments: [
        ("digits", "Reply now: y0u h4v3 w0n a cruise.", "y0u h4v3 w0n", "sweepstakes"),
        ("digits", "Your ch4nc3 70 w1n is here.", "ch4nc3 70 w1n", "sweepstakes"),
        ("digits", "Fresh xxx p1c5 every day", "xxx p1c5", "adult"),
        ("digits", "We ship w33d overnight.", "w33d", "cannabis"),
        ("symbols", "Try our $ativa strain.", "$ativa strain", "cannabis"),
        ("symbols", "Hot xxx p!c$ here", "xxx p!c$", "adult"),
        ("symbols", "Buy c@nn@b!s today", "c@nn@b!s", "cannabis"),
        ("dots", "Ask about c.b.d today", "c.b.d", "cannabis"),
        ("dashes", "Ask about C - B - D today", "C - B - D", "cannabis"),
        ("dots", "New x.x.x p.i.c.s tonight", "x.x.x p.i.c.s", "adult"),
        ("spaces", "Want to g e t l a i d tonight?", "g e t l a i d", "adult"),
        ("underscores", "Order w_e_e_d now", "w_e_e_d", "cannabis"),
    ])
    func disguised(kind: String, text: String, written: String, rule: String) throws {
        try expectFound(text, written, rule: rule)
    }

    @Test("1 for l as well as for i")
    func ell() throws {
        try expectFound("Pure h3mp 0i1 on sale.", "h3mp 0i1", rule: "cannabis")
    }

    @Test("a separator between every letter, words apart or run together", arguments: [
        ("Ask about c.b.d today", "c.b.d", "cannabis"),
        ("Ask about C - B - D today", "C - B - D", "cannabis"),
        ("New x.x.x p.i.c.s tonight", "x.x.x p.i.c.s", "adult"),
        ("Want to g e t l a i d tonight?", "g e t l a i d", "adult"),
        ("Order w_e_e_d now", "w_e_e_d", "cannabis"),
        // Any punctuation between the letters, not only dots, dashes and spaces.
        ("Get c/a/n/n/a/b/i/s today", "c/a/n/n/a/b/i/s", "cannabis"),
        ("Get c,a,n,n,a,b,i,s today", "c,a,n,n,a,b,i,s", "cannabis"),
        ("Get c|a|n|n|a|b|i|s today", "c|a|n|n|a|b|i|s", "cannabis"),
        ("Get c~b~d today", "c~b~d", "cannabis"),
        ("Get c:b:d today", "c:b:d", "cannabis"),
        // Middle dots and bullets, read as dots: the finding points at the text as written.
        ("Ask about c·b·d today", "c·b·d", "cannabis"),
        ("Order w • e • e • d now", "w • e • e • d", "cannabis"),
        // Letters apart with stand-ins among them.
        ("Get c-4-n-n-4-b-1-s today", "c-4-n-n-4-b-1-s", "cannabis"),
        ("Get w 3 3 d today", "w 3 3 d", "cannabis"),
        ("Get 7.h.c today", "7.h.c", "cannabis"),
        // A term with punctuation of its own, written apart: the punctuation is a separator too.
        ("Sale: 1 / 2 p r i c e today", "1 / 2 p r i c e", "promotional-offer"),
        ("Get i-n-d-i-c-a-/-s-a-t-i-v-a today", "i-n-d-i-c-a-/-s-a-t-i-v-a", "cannabis"),
        // Parenthesized letters, which NFKC writes `(c)(b)(d)`.
        ("Get ⒞⒜⒩⒩⒜⒝⒤⒮ gummies", "⒞⒜⒩⒩⒜⒝⒤⒮", "cannabis"),
        ("Get (c)(b)(d) oil", "c)(b)(d", "cannabis"),
        // Beside a one-letter word written like the letters apart: the word is read as a word.
        ("Buy a w e e d pen today", "w e e d", "cannabis"),
        ("Get a c-b-d gummy today", "c-b-d", "cannabis"),
        ("Compra m o t a y más", "m o t a", "cannabis"),
        // A term that itself starts with such a letter is still read whole.
        ("Buy o z e m p i c online", "Buy o z e m p i c", "rx-buy"),
        // A long phrase, whose form without separators only the joined views' automaton has;
        // with stand-ins among its letters too.
        ("Alert: i f y o u d i d n o t p l a c e t h i s o r d e r call now", "i f y o u d i d n o t p l a c e t h i s o r d e r", "phishing"),
        ("Alert: 1-f-y-0-u-d-1-d-n-0-t-p-l-4-c-3-t-h-1-s-0-r-d-3-r call now", "1-f-y-0-u-d-1-d-n-0-t-p-l-4-c-3-t-h-1-s-0-r-d-3-r", "phishing"),
    ])
    func apart(text: String, written: String, rule: String) throws {
        try expectFound(text, written, rule: rule)
    }

    @Test("a short term run together is found as written; the long forms without separators live in an automaton of their own")
    func runTogether() throws {
        try expectFound("Want to getlaid tonight?", "getlaid", rule: "adult")
        let stats = try Package.defaultRules().matcherStatistics
        #expect(stats.joinedLiterals > 0)
        #expect(stats.literals > stats.joinedLiterals)
    }

    @Test("Greek capitals read as the Latin capitals they look like")
    func greekCapitals() throws {
        // Eta, nu and upsilon, whose lowercase forms look like n, v and u.
        try expectFound("ΗΟΤ ΗΑSΗ ΟΙL for sale", "ΗΑSΗ ΟΙL", rule: "cannabis")
        try expectFound("Νew: ΗΟRΝΥ and waiting", "ΗΟRΝΥ", rule: "adult")
    }

    @Test("times, prices, phone numbers, vitamins, tests and words with a digit never trigger", arguments: [
        "Your visit is at 4:30 PM on the 2nd; the copay is $5.",
        "Call 555-010-2000 or (555) 010 4420 to reschedule.",
        "Your B12 shot and A1C test are due; COVID-19 and H1N1 boosters too.",
        "Take 1 tablet at 8am and 1 at 5pm for 10 days.",
        "Room 3B, suite 410; bring your ID and insurance card.",
        "Use SPF 30+ sunscreen and drink 8 glasses of water.",
        "Wow! Great job at your 1st visit. See you in 3 weeks.",
        "Your new MP3 player and iPhone 15 are at the front desk.",
        "Options: A B C, or D. Pick one.",
        "Your results: T3 1.2, T4 8.1, vitamin D3 45.",
        "Take 1 tab b.i.d with food; grades A+ B+ C; open Mon/Tue/Wed 9-5; press 1/2/3.",
    ])
    func controls(text: String) throws {
        #expect(try Package.defaultRules().check(text).findings.filter { $0.category != "all-caps" }.isEmpty, "\(text)")
    }

    @Test("a disguised term is reported once, where it is written, beside the same term written plainly")
    func once() throws {
        let hits = try Package.defaultRules().findings("weed, w33d and w e e d", rule: "cannabis")
        #expect(hits.map(\.match) == ["weed", "w33d", "w e e d"])
    }
}
