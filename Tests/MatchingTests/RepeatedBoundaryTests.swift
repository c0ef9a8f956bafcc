import Testing
import Matching

@Suite("Groups whose every branch begins with `\\b`")
struct RepeatedBoundaryTests {
    @Test("found where every branch of a group begins with \\b, and nowhere else", arguments: [
        (#"(?:\bwin|\bprize)"#, [0]), (#"x(\bwin|\bprize)"#, [1]), (#"\b(?:win|prize)"#, []),
        (#"(?:\bwin|prize)"#, []), (#"(?:|\bwin|\bprize)"#, []), (#"(?:\bwin)"#, []),
        (#"(?=[\s\S]*?(?:\bwin|\bprize))"#, [11]), (#"(?=\bwin|\bprize)"#, []),
        (#"[(?:\bwin|\bprize)]"#, []), (#"\(?:\bwin|\bprize\)"#, []),
        (#"(?:\b(?:\ba|\bb)c|\bd)"#, [0, 5]), (#"(?:\bwin|\bprize|[\b]x)"#, []),
    ])
    func shapes(_ pattern: String, _ groups: [Int]) {
        #expect(PCRE2Regex.repeatedBoundaryGroups(in: pattern) == groups, "\(pattern)")
    }
}
