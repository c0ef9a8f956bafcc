import Foundation
import Testing
@testable import Rules

@Suite("Counting capitals")
struct CapsCounterTests {
    @Test("the ASCII counter agrees with the scalar counter on every ASCII corpus message, with and without exclusions")
    func asciiMatchesScalars() throws {
        let tsv = try String(contentsOfFile: Package.path("fixtures/corpus/sms-spam-collection.tsv"), encoding: .utf8)
        let messages = tsv.split(separator: "\n").dropFirst().compactMap { $0.split(separator: "\t", maxSplits: 1).last }
            .map { Array($0.utf8) }.filter { $0.allSatisfy { $0 < 0x80 } }
        let allow = CapsAllowList(["STOP", "UNSUBSCRIBE", "A1C", "MRI", "OK", "TXT", "FREE"])
        var differ = 0
        for (n, m) in messages.enumerated() {
            let cuts: [[Range<Int>]] = [[], [0..<min(3, m.count)], [(m.count / 3)..<(m.count / 2), (2 * m.count / 3)..<m.count]]
            for excluded in cuts {
                let (a, b) = m.withUnsafeBufferPointer {
                    (CapsCounter.countASCII($0, excluding: excluded, allow: allow),
                     CapsCounter.countScalars($0, excluding: excluded, allow: allow))
                }
                if a != b { differ += 1; Issue.record("message \(n) \(excluded): \(a) vs \(b)") }
                if differ > 5 { return }
            }
        }
        #expect(messages.count > 5_000)
    }

    @Test("allow-listed words in capitals are not counted, short or long")
    func allowList() {
        let allow = CapsAllowList(["STOP", "UNSUBSCRIBE"])
        let text = Array("STOP now UNSUBSCRIBE HELLO".utf8)
        let counted = text.withUnsafeBufferPointer { CapsCounter.count($0, ascii: true, excluding: [], allow: allow) }
        #expect(counted.letters == 8)   // now, HELLO
        #expect(counted.upper == 5)     // HELLO
    }
}
