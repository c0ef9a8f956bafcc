import Foundation
import Testing
@testable import Rules

@Suite("A pattern runs under its own prefilter when it has one")
struct PatternPrefilterTests {
    let scratch = Scratch("textgate-prefilter")

    /// A directory holding one rule file with this text, as `charge.yml`.
    func directory(_ rule: String) throws -> String { try scratch.directory(holding: "charge.yml", rule) }

    /// A rule with a pattern of the old form under the rule's prefilter, and two with their own.
    static let charge = """
        category: premium-rate
        severity: warning
        message: A charge.
        rationale: Carriers filter premium charges.
        kind: pattern
        prefilter: [fee]
        patterns:
          - '\\bfee\\s+of\\s+\\d+'
          - pattern: '\\d+p\\s?/\\s?msg\\b'
            prefilter: ["0p", "5p"]
          - pattern: '\\b(?:costs|charged)\\s+\\d+p\\b'
            prefilter: [costs, charged]
        examples:
          flag: ["A fee of 3 applies.", "Only 150p/msg.", "It costs 25p."]
          pass: ["Your visit is at 2pm.", "It costs nothing."]
        """

    @Test("each pattern's matches are found, under the rule's prefilter or its own")
    func findsEach() throws {
        let rules = try Ruleset.load(directory: directory(Self.charge))
        #expect(rules.findings("A fee of 3 applies.", rule: "charge").map(\.match) == ["fee of 3"])
        #expect(rules.findings("Only 150p/msg, no fee.", rule: "charge").map(\.match) == ["150p/msg"])
        #expect(rules.findings("It costs 25p, or was charged 40p.", rule: "charge").map(\.match) == ["costs 25p", "charged 40p"])
    }

    @Test("a pattern whose own literals are absent does not run, even where the rule's occur")
    func ownLiteralsGate() throws {
        // "3p/msg" matches the second regex, but neither of its literals ("0p", "5p") occurs:
        // the prefilter is the rule author's promise, and the check keeps to it.
        let rules = try Ruleset.load(directory: directory(Self.charge))
        #expect(rules.findings("A fee: 3p/msg.", rule: "charge").isEmpty)
        #expect(rules.findings("A fee: 30p/msg.", rule: "charge").map(\.match) == ["30p/msg"])
    }

    @Test("patterns are grouped by the literals they run under; words that start every match anchor it")
    func gates() throws {
        let rules = try Ruleset.load(directory: directory(Self.charge))
        #expect(rules.patternGates.map(\.search.count) == [0, 1, 0])
        #expect(rules.patternGates.map(\.anchored.count) == [1, 0, 1])
        #expect(Ruleset.gates(["a", "b", "c"], ["x"], [[], ["y"], []]).map(\.regexes) == [["a", "c"], ["b"]])
    }

    @Test("a pattern item that is a mapping needs both its regex and its prefilter, and no other key")
    func invalidItems() throws {
        func problems(_ item: String) throws -> String {
            let text = Self.charge.replacingOccurrences(of: "  - '\\bfee\\s+of\\s+\\d+'", with: item)
            let directory = try directory(text)
            do throws(RulesError) {
                _ = try Ruleset.load(directory: directory)
                return ""
            } catch {
                return error.description
            }
        }
        #expect(try problems("  - pattern: 'fee'").contains("missing required key `prefilter`"))
        #expect(try problems("  - prefilter: [fee]").contains("missing required key `pattern`"))
        #expect(try problems("  - {pattern: 'fee', prefilter: [fee], note: x}").contains("unknown key `note`"))
        #expect(try problems("  - pattern: 'fe)e'\n    prefilter: [fee]").contains("charge.yml:8:17: error: invalid regex at offset 2"))
    }
}
