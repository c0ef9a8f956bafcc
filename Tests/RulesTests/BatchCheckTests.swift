import Foundation
import Testing
import Rules

@Suite("Checking many messages at once")
struct BatchCheckTests {
    /// The corpus's messages plus the edge cases a batch must not get wrong: empty and long
    /// messages, invalid UTF-8, non-ASCII text, and hits at the very start and end.
    static func messages() throws -> [[UInt8]] {
        let tsv = try String(contentsOfFile: Package.path("fixtures/corpus/sms-spam-collection.tsv"), encoding: .utf8)
        var out = tsv.split(separator: "\n").dropFirst().map { line in
            Array((line.split(separator: "\t", maxSplits: 1).last ?? "").utf8)
        }
        let extra: [[UInt8]] = [
            [], Array("CBD".utf8), Array("Get 20% off at bit.ly/x".utf8), [0x66, 0x6F, 0xFF, 0x6F],
            Array("Café CBD £5 ÜBER".utf8), Array("ＣＢＤ".utf8),
            Array(String(repeating: "a ", count: 3_000).utf8) + Array("buy cbd now".utf8),
            Array(String(repeating: "SHOUTING ", count: 600).utf8), [0xE2, 0x80],
        ]
        for (i, e) in extra.enumerated() { out.insert(e, at: min(out.count, i * 97)) }
        return out
    }

    static func describe(_ r: Result<Report, InvalidUTF8>) -> String {
        switch r {
        case .success(let report): return "\(report.decision) \(report.findings.map { "\($0.rule)@\($0.start)..<\($0.end) \($0.line):\($0.column) \($0.match)" }) \(report.incomplete)"
        case .failure(let e): return "error \(e.byteOffset)"
        }
    }

    static func single(_ ruleset: Ruleset, _ m: [UInt8]) -> Result<Report, InvalidUTF8> {
        m.withUnsafeBufferPointer { p in
            do throws(InvalidUTF8) { return .success(try ruleset.check(utf8: p)) } catch { return .failure(error) }
        }
    }

    @Test("a batch gives every message, in order, exactly what checking it alone gives")
    func batchMatchesSingle() throws {
        let ruleset = try Package.defaultRules()
        let messages = try Self.messages()
        let storage = messages.map { m -> UnsafeMutableBufferPointer<UInt8> in
            let p = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(m.count, 1))
            _ = p.initialize(from: m)
            return UnsafeMutableBufferPointer(rebasing: p[0..<m.count])
        }
        defer { storage.forEach { UnsafeMutableBufferPointer(start: $0.baseAddress, count: 1).deallocate() } }
        var order: [Int] = []
        var differ: [Int] = []
        ruleset.check(batch: messages.count, message: { UnsafeBufferPointer(storage[$0]) }) { i, result in
            order.append(i)
            if Self.describe(result) != Self.describe(Self.single(ruleset, messages[i])) { differ.append(i) }
        }
        #expect(order == Array(0..<messages.count))
        #expect(differ.isEmpty, "messages \(differ.prefix(5)) differ")
        let flagged = messages.filter { (try? Self.single(ruleset, $0).get().findings.isEmpty) == false }.count
        #expect(flagged > 100, "the corpus exercises findings, not only clean messages")
    }

    @Test("the two-message check agrees with checking each message alone")
    func pairMatchesSingle() throws {
        let ruleset = try Package.defaultRules()
        let messages = try Self.messages()
        var k = 0
        while k + 1 < messages.count {
            let (a, b) = messages[k].withUnsafeBufferPointer { pa in
                messages[k + 1].withUnsafeBufferPointer { pb in ruleset.check(utf8: pa, pb) }
            }
            #expect(Self.describe(a) == Self.describe(Self.single(ruleset, messages[k])))
            #expect(Self.describe(b) == Self.describe(Self.single(ruleset, messages[k + 1])))
            k += 2
        }
    }
}
