import Foundation
import Testing
@testable import Rules

@Suite("Groups whose every branch repeats `\\b` are warned about at load")
struct RepeatedBoundaryTests {
    @Test("found where every branch of a group begins with \\b, and nowhere else", arguments: [
        (#"(?:\bwin|\bprize)"#, [0]), (#"x(\bwin|\bprize)"#, [1]), (#"\b(?:win|prize)"#, []),
        (#"(?:\bwin|prize)"#, []), (#"(?:|\bwin|\bprize)"#, []), (#"(?:\bwin)"#, []),
        (#"(?=[\s\S]*?(?:\bwin|\bprize))"#, [11]), (#"(?=\bwin|\bprize)"#, []),
        (#"[(?:\bwin|\bprize)]"#, []), (#"\(?:\bwin|\bprize\)"#, []),
        (#"(?:\b(?:\ba|\bb)c|\bd)"#, [0, 5]), (#"(?:\bwin|\bprize|[\b]x)"#, []),
    ])
    func shapes(_ pattern: String, _ groups: [Int]) {
        #expect(RepeatedBoundary.groups(in: pattern) == groups, "\(pattern)")
    }

    @Test("a rule with such a group loads, with a warning naming its file and the pattern")
    func warned() throws {
        let scratch = Scratch("boundary")
        let dir = try scratch.directory()
        try """
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
            """.write(to: dir.appendingPathComponent("prize.yml"), atomically: true, encoding: .utf8)
        let warnings = try Ruleset.load(directory: dir.path).warnings
        #expect(warnings.count == 1)
        #expect(warnings.first?.location.path.hasSuffix("prize.yml") == true)
        #expect(warnings.first?.message.contains("pattern 2 of `patterns`") == true)
        #expect(warnings.first?.message.contains(#"`(?:\bwin|\bprize)\s+draw…`"#) == true)
    }
}
