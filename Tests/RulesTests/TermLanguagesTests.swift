import Foundation
import Testing
import Rules

@Suite("Terms listed by language")
struct TermLanguagesTests {
    let scratch = Scratch("textgate-languages")

    /// A directory holding one rule file with this text, as `bilingual.yml`.
    func directory(_ rule: String) throws -> String { try scratch.directory(holding: "bilingual.yml", rule) }

    static let offer = """
        category: promotional
        severity: warning
        message: An offer.
        rationale: Carriers filter offers.
        kind: terms
        terms:
          en: [limited time offer, sale]
          es: [oferta por tiempo limitado, gratis]
        exceptions:
          es: [sale positiva]
        examples:
          flag: ["Limited time offer today", "Oferta por tiempo limitado", "Su appointment: oferta por tiempo limitado"]
          pass: ["Si su prueba sale positiva, le llamamos.", "Your visit is Tuesday."]

        """

    @Test("every language's terms apply to every text, mixed-language texts included")
    func allLanguagesApply() throws {
        let rules = try Ruleset.load(directory: try directory(Self.offer))
        #expect(rules.findings("Limited time offer on flu shots", rule: "bilingual").map(\.match) == ["Limited time offer"])
        #expect(rules.findings("Consulta gratis hoy", rule: "bilingual").map(\.match) == ["gratis"])
        #expect(rules.findings("Your appointment es mañana, consulta gratis", rule: "bilingual").map(\.match) == ["gratis"])
        #expect(rules.findings("Big sale on sunscreen", rule: "bilingual").map(\.match) == ["sale"])
    }

    @Test("an exception listed under one language stops a term listed under another")
    func crossLanguageException() throws {
        let rules = try Ruleset.load(directory: try directory(Self.offer))
        #expect(rules.findings("Si su prueba sale positiva, le llamamos.", rule: "bilingual").isEmpty)
        #expect(rules.findings("Sale ends Friday", rule: "bilingual").count == 1)
    }

    @Test("each term keeps the languages it is listed under; a term in two lists counts once")
    func languagesKept() throws {
        let rule = """
            category: cannabis
            severity: error
            message: Cannabis.
            rationale: Carriers block cannabis.
            kind: terms
            terms:
              en: [cannabis, marijuana]
              es: [cannabis, mariguana]
            examples:
              flag: ["cannabis", "mariguana"]
              pass: ["hello"]

            """
        let loaded = try RuleDirectory.read(try directory(rule))
        let read = try #require(loaded.rules.first)
        guard case .terms(let terms, _) = read.kind else {
            Issue.record("kind \(read.kind.name)")
            return
        }
        #expect(terms == ["cannabis", "marijuana", "mariguana"])
        #expect(read.termLanguages["cannabis"] == ["en", "es"])
        #expect(read.termLanguages["mariguana"] == ["es"])
    }

    @Test("near lists may be written by language")
    func nearByLanguage() throws {
        let rule = """
            category: rx-offer
            severity: error
            message: A drug offer.
            rationale: Carriers block drug offers.
            kind: near
            within: 4
            first:
              en: [viagra]
              es: [receta]
            second:
              en: [cheap]
              es: [barato, barata]
            examples:
              flag: ["Cheap Viagra", "Viagra barato", "receta barata"]
              pass: ["Su receta está lista.", "Viagra was sent to CVS."]

            """
        let rules = try Ruleset.load(directory: try directory(rule))
        #expect(rules.findings("Viagra muy barato aquí", rule: "bilingual").count == 1)
        #expect(rules.findings("Su receta está lista", rule: "bilingual").isEmpty)
    }

    @Test("an unknown language is an error that names the languages to use")
    func unknownLanguage() throws {
        let rule = Self.offer.replacingOccurrences(of: "  es: [oferta", with: "  sp: [oferta")
        let dir = try directory(rule)
        do throws(RulesError) {
            _ = try Ruleset.load(directory: dir)
            Issue.record("a rule with language `sp` loaded")
        } catch {
            #expect(error.description.contains("bilingual.yml:8:3: error: unknown key `sp` in `terms`, which lists terms by language (`en`, `es`)"),
                    "\(error.description)")
        }
    }

    @Test("a term listed twice under one language is an error at the second one")
    func duplicateInOneLanguage() throws {
        let rule = Self.offer.replacingOccurrences(of: "en: [limited time offer, sale]", with: "en: [limited time offer, sale, Sale]")
        let dir = try directory(rule)
        do throws(RulesError) {
            _ = try Ruleset.load(directory: dir)
            Issue.record("a rule listing `sale` twice loaded")
        } catch {
            #expect(error.description.contains("`Sale` is listed twice in `terms.en`; remove one"), "\(error.description)")
        }
    }

    @Test("a language with no terms is an error")
    func emptyLanguage() throws {
        let rule = Self.offer.replacingOccurrences(of: "es: [oferta por tiempo limitado, gratis]", with: "es: []")
        let dir = try directory(rule)
        do throws(RulesError) {
            _ = try Ruleset.load(directory: dir)
            Issue.record("a rule with an empty `es` list loaded")
        } catch {
            #expect(error.description.contains("`terms.es` is empty"), "\(error.description)")
        }
    }
}
