import Testing
import Matching

@Suite("Byte string table")
struct ByteStringTableTests {
    @Test("keys are found by their bytes, others are not; inserting again merges")
    func basics() {
        var table = ByteStringTable(capacity: 2)
        table.insert("bit.ly", 1)
        table.insert("co.uk", 2)
        table.insert("", 3)
        table.insert("bit.ly", 4) { $0 + $1 }
        #expect(table.count == 3)
        #expect(table.value(for: "bit.ly") == 5)
        #expect(table.value(for: "co.uk") == 2)
        #expect(table.value(for: "") == 3)
        #expect(table.value(for: "bit.l") == nil)
        #expect(table.value(for: "BIT.LY") == nil, "keys are bytes: no case folding")
        #expect(table.value(for: "x.bit.ly".dropFirst(2)) == 5, "a substring is looked up in place")
    }

    @Test("a table grown far past its first size agrees with a dictionary, present and absent keys alike")
    func agreesWithDictionary() {
        var g = LiteralAutomatonWordStartTests.Generator(state: 11)
        var table = ByteStringTable()
        var reference: [String: UInt8] = [:]
        let alphabet = Array("ab.-xy".utf8)
        for i in 0..<5_000 {
            let key = String(decoding: g.text(alphabet, g.next(9)), as: UTF8.self)
            table.insert(key, UInt8(truncatingIfNeeded: i)) { $0 &+ $1 }
            reference[key, default: 0] &+= UInt8(truncatingIfNeeded: i)
        }
        #expect(table.count == reference.count)
        for (key, value) in reference { #expect(table.value(for: key) == value, "\(key)") }
        for _ in 0..<2_000 {
            let probe = String(decoding: g.text(alphabet, 9 + g.next(4)), as: UTF8.self)
            #expect(table.value(for: probe) == reference[probe])
        }
        var seen = 0
        table.forEach { key, value in
            if reference[String(decoding: key, as: UTF8.self)] == value { seen += 1 }
        }
        #expect(seen == reference.count)
    }
}
