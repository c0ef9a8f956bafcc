import Foundation
import Testing
@testable import Rules

@Suite("Groups whose every branch repeats `\\b` are warned about at load")
struct RepeatedBoundaryWarningTests {
    @Test("a rule with such a group loads, with a warning naming its file and the pattern")
    func warned() throws {
        let scratch = Scratch("boundary")
        let dir = try scratch.directory(holding: "prize.yml", """
            category: sweepstakes
            severity: warning
            message: A prize draw.
            rationale: Carriers filter sweepstakes.
            kind: pattern
            patterns:
              - '\\bfree\\s+entry'
              - '(?:\\bwin|\\bprize)\\s+draw'
            examples:
              flag: ["win draw"]
              pass: ["windraw"]
            """)
        let warnings = try Ruleset.load(directory: dir).warnings
        #expect(warnings.count == 1)
        #expect(warnings.first?.location.path.hasSuffix("prize.yml") == true)
        #expect(warnings.first?.message.contains("pattern 2 of `patterns`") == true)
        #expect(warnings.first?.message.contains(#"`(?:\bwin|\bprize)\s+draw…`"#) == true)
    }
}
