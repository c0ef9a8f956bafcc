import Foundation
import Testing
@testable import Rules

/// The `model` kind: a weights file beside the rule, read into a linear model of words and word
/// pairs that scores every text, and the features `make model` trains it on.
@Suite("Model rules")
struct ContentModelTests {
    let scratch = Scratch("model-rule")

    /// A rules directory with one `model` rule, `offer-words`, and its weights file.
    func rules(weights: String, threshold: Double = 1, file: String = "offer-words.tsv",
               writing written: String = "offer-words.tsv") throws -> String {
        let dir = try scratch.directory(holding: "offer-words.yml", """
            category: offer-words
            severity: warning
            message: Reads like an offer.
            rationale: Carriers filter offers.
            kind: model
            model: \(file)
            threshold: \(threshold)
            examples:
              flag:
                - Free spins tonight
              pass:
                - Your visit is tomorrow
            """)
        try weights.write(toFile: dir + "/" + written, atomically: true, encoding: .utf8)
        return dir
    }

    static let weights = """
        # comment
        <bias>\t-1
        free spins\t3
        tonight\t0.5
        spins\t0.25
        <money>\t0.75
        <link>\t0.5
        """

    @Test("a text above the threshold is flagged where its heaviest word or pair is, in the original text")
    func flagged() throws {
        let ruleset = try Ruleset.load(directory: try rules(weights: Self.weights))
        let found = ruleset.check("Ｆｒｅｅ SPINS tonight!").findings
        #expect(found.map(\.rule) == ["offer-words"])
        #expect(found.first?.match == "Ｆｒｅｅ SPINS", "the pair weighs 3, more than either word")
        // -1 + 0.25 + 0.5 = -0.25: the words apart, and the pair reversed, stay under 1.
        #expect(ruleset.check("spins, then free tonight").findings.isEmpty)
        #expect(ruleset.check("Your visit is tomorrow").findings.isEmpty)
        // A line starting with `#` is a comment only without a tab: `#` is a word too.
        let hash = try Ruleset.load(directory: try rules(weights: "# a comment\n<bias>\t0\n#\t2\n# free\t1\nfree spins\t2\n"))
        #expect(hash.check("Call #1 today").findings.map(\.match) == ["#"])
        #expect(hash.check("Call today").findings.isEmpty)
    }

    /// A word of letters only, different for every `n`.
    static func word(_ n: Int) -> String {
        var n = n, s = "z"
        repeat {
            s.unicodeScalars.append(UnicodeScalar(UInt8(97 + n % 26)))
            n /= 26
        } while n > 0
        return s
    }

    @Test("each feature counts once, however often it is written, in short and long texts")
    func countedOnce() throws {
        let ruleset = try Ruleset.load(directory: try rules(weights: Self.weights, threshold: 0))
        // -1 + 0.5: once; three times would be 0.5, above the threshold.
        #expect(ruleset.check("tonight tonight tonight").findings.isEmpty)
        // A text of hundreds of weighted features: 400 words of 0.001 each, written 20 times,
        // count 0.4 in all, not 8.
        let words = (0..<400).map(Self.word)
        let many = try Ruleset.load(directory: try rules(weights: Self.weights + "\n" + words.map { "\($0)\t0.001" }.joined(separator: "\n"),
                                                          threshold: 0))
        let long = Array(repeating: words.joined(separator: " "), count: 20).joined(separator: " ") + " tonight"
        #expect(many.check(long).findings.isEmpty, "-1 + 0.5 + 0.4")
        #expect(many.check(long + " $5 bit.ly/x").findings.contains { $0.rule == "offer-words" },
                "with an amount and a link: -1 + 0.5 + 0.4 + 0.75 + 0.5")
    }

    @Test("the features of a text, as a weights file names them")
    func features() throws {
        let ruleset = try Ruleset.load(directory: try rules(weights: Self.weights))
        func features(_ text: String) throws -> [String] {
            var copy = text
            return try copy.withUTF8 { bytes throws(InvalidUTF8) in try ruleset.contentFeatures(ofUTF8: bytes) }
        }
        #expect(try features("Win $ 50, 20% off 1,000 x!") == [
            "win", "<money>", "win <money>", ",", "<money> ,", "<pct>", ", <pct>", "off", "<pct> off",
            "<num4>", "off <num4>", "x", "<num4> x", "!", "x !",
        ])
        #expect(try features("Gána ÑANDÚ 😀 €") == ["gana", "ñandu", "gana ñandu", "€", "ñandu €"],
                "read folded: marks away but for ñ, no emoji; a sign with no amount is a word")
        #expect(try features("Ok 👍 !") == ["ok", "!", "ok !"], "folding leaves no emoji")
        #expect(try features("go to a.co now") == ["go", "to", "go to", "a", "to a", ".", "a .", "co", ". co", "now", "co now", "<link>"])
        #expect(try features("") == [])
    }

    @Test("a weights file that cannot be read is named with its line, and a missing one with the key")
    func invalidWeights() throws {
        func problems(_ dir: String) -> [String] {
            do throws(RulesError) {
                _ = try RuleDirectory.read(dir)
                return []
            } catch {
                return error.diagnostics.map(\.description)
            }
        }
        let bad = try rules(weights: "<bias>\t0\nfree\tlots\n")
        #expect(problems(bad).contains { $0.contains("offer-words.tsv:2:1") && $0.contains("feature<TAB>weight") }, "\(problems(bad))")
        let three = try rules(weights: "<bias>\t0\none two three\t1\n")
        #expect(problems(three).contains { $0.contains("offer-words.tsv:2:1") && $0.contains("two words") }, "\(problems(three))")
        let noBias = try rules(weights: "free\t1\n")
        #expect(problems(noBias).contains { $0.contains("offer-words.tsv:1:1") && $0.contains("<bias>") }, "\(problems(noBias))")
        let missing = try rules(weights: Self.weights, writing: "other.tsv")
        #expect(problems(missing).contains { $0.contains("offer-words.yml") && $0.contains("not beside the rule file") }, "\(problems(missing))")
        let notTSV = try rules(weights: Self.weights, file: "offer-words.txt")
        #expect(problems(notTSV).contains { $0.contains("`.tsv` weights file") }, "\(problems(notTSV))")
    }

    @Test("the rules version follows the weights file")
    func version() throws {
        let a = try RuleDirectory.read(try rules(weights: Self.weights)).version
        let b = try RuleDirectory.read(try rules(weights: Self.weights + "\nnow\t0.1")).version
        #expect(a != b)
    }

    @Test("the shipped model flags offers no term names and none of the care texts on the same subjects")
    func shipped() throws {
        let rules = try Package.defaultRules()
        #expect(!rules.findings("Hot new drop tonight, only 20 left, first come first served. Reply YES to grab yours",
                                rule: "carrier-content").isEmpty)
        for care in ["Please avoid alcohol for 24 hours before your procedure.", "Your STI test results are ready in the portal.",
                     "Store firearms locked and unloaded, away from children.", "Your semaglutide prescription was sent to CVS.",
                     "Su cita es mañana a las 10. Responda C para confirmar."] {
            #expect(rules.findings(care, rule: "carrier-content").isEmpty, "\(care)")
        }
    }
}
