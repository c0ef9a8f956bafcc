import Foundation
import Testing
import Rules

@Suite("overrides")
struct OverrideTests {
    static let here = SourceLocation(path: ".textgate.yml", line: 4, column: 3)

    @Test("turning a rule off stops its findings and changes the version")
    func disable() throws {
        let plain = try Ruleset.load(.builtin)
        let off = try Ruleset.load(.builtin, overrides: [Override(target: "percent-off", enabled: false, origin: Self.here)])
        #expect(plain.findings("Get 20% off today", rule: "percent-off").count == 1)
        #expect(off.findings("Get 20% off today", rule: "percent-off").isEmpty)
        #expect(off.rule("percent-off") == nil)
        #expect(off.version != plain.version)
        #expect(off.overrides.map(\.origin) == [Self.here])
    }

    @Test("a category override changes every rule of the category; the last override wins")
    func categoryAndOrder() throws {
        let r = try Ruleset.load(.builtin, overrides: [
            Override(target: "rx-offer", severity: .warning, origin: Self.here),
            Override(target: "rx-price", severity: .info, origin: Self.here),
        ])
        #expect(r.rule("rx-buy")?.severity == .warning)
        #expect(r.rule("rx-price")?.severity == .info)
    }

    @Test("a rule marked suppressible: false cannot be turned off or lowered")
    func nonSuppressible() throws {
        for o in [Override(target: "cannabis", enabled: false, origin: Self.here),
                  Override(target: "cannabis", severity: .warning, origin: Self.here)] {
            #expect {
                try Ruleset.load(.builtin, overrides: [o])
            } throws: { error in
                let d = (error as? RulesError)?.diagnostics ?? []
                // `cannabis` names the rule and its category: each of the category's rules refuses.
                return !d.isEmpty && d.allSatisfy { $0.location == Self.here && $0.message.contains("is marked `suppressible: false`") }
                    && d.contains { $0.message.contains("rule `cannabis` is marked `suppressible: false`") }
            }
        }
    }

    @Test("an override naming no rule or category is an error with the nearest name")
    func unknownTarget() throws {
        #expect {
            try Ruleset.load(.builtin, overrides: [Override(target: "canabis", enabled: false, origin: Self.here)])
        } throws: { error in
            (error as? RulesError)?.description.contains(".textgate.yml:4:3: error: no rule or category `canabis` to override; did you mean `cannabis`?") == true
        }
    }
}
