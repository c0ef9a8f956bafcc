import Testing
import Rules

@Suite("Empty, huge and invalid messages")
struct MessageEdgeTests {
    @Test("an empty message has no findings and is allowed")
    func empty() throws {
        let rules = try Package.defaultRules()
        let report = rules.check("")
        #expect(report.findings.isEmpty)
        #expect(report.decision == .allow)
        #expect(report.rulesVersion == rules.version)
    }

    @Test("a 1 MB message is checked, with the offsets of a term at its end")
    func huge() throws {
        let rules = try Package.defaultRules()
        let filler = String(repeating: "Your appointment is confirmed. ", count: 34_000)
        #expect(filler.utf8.count > 1_000_000)
        #expect(rules.check(filler).findings.isEmpty)
        let report = rules.check(filler + "CBD")
        #expect(report.findings.map(\.rule) == ["cannabis"])
        #expect(report.findings.first?.start == filler.unicodeScalars.count)
    }

    @Test("a 1 MB non-ASCII message is checked, with scalar offsets")
    func hugeNonASCII() throws {
        let rules = try Package.defaultRules()
        let filler = String(repeating: "Café médical à 9 h. ", count: 45_000)
        #expect(filler.utf8.count > 1_000_000)
        let report = rules.check(filler + "СBD")
        #expect(report.findings.map(\.rule) == ["cannabis"])
        #expect(report.findings.first?.start == filler.unicodeScalars.count)
        #expect(report.findings.first?.match == "СBD")
    }

    @Test("invalid UTF-8 throws InvalidUTF8 at the first bad byte", arguments: [
        ([0x61, 0x62, 0x63, 0xFF, 0x64], 3),
        ([0xC3, 0xA9, 0x20, 0xE2, 0x82], 3),  // "é " then a truncated sequence
        ([0x41, 0x42, 0xC0, 0xAF], 2),  // overlong "/"
        ([0xED, 0xA0, 0x80], 0),  // a UTF-16 surrogate
        ([0x63, 0x62, 0x64, 0x80], 3),  // a lone continuation byte after "cbd"
    ] as [([UInt8], Int)])
    func invalidUTF8(bytes: [UInt8], offset: Int) throws {
        let rules = try Package.defaultRules()
        #expect {
            try bytes.withUnsafeBufferPointer { try rules.check(utf8: $0) }
        } throws: { error in
            (error as? InvalidUTF8)?.byteOffset == offset
        }
    }

    @Test("check(utf8:) and check(_:) agree on valid text")
    func utf8AgreesWithString() throws {
        let rules = try Package.defaultRules()
        let text = "Café: ask about СBD at bit.ly/x"
        let bytes = Array(text.utf8)
        let viaBytes = try bytes.withUnsafeBufferPointer { try rules.check(utf8: $0) }
        #expect(viaBytes == rules.check(text))
        #expect(viaBytes.findings.count >= 2)
    }

    @Test("the error names the byte offset for people")
    func description() throws {
        let rules = try Package.defaultRules()
        let bytes: [UInt8] = Array("Hello, wörld ".utf8) + [0xFF]
        #expect {
            try bytes.withUnsafeBufferPointer { try rules.check(utf8: $0) }
        } throws: { error in
            (error as? InvalidUTF8)?.description == "invalid UTF-8 at byte 14; save the text as UTF-8"
        }
    }
}
